"""The report compiler: tables computed by database aggregation, then consistency checks."""
