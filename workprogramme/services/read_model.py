"""The one place where a validation reaches the results read model (issue 11, item 5).

The read model lives in `workprogramme.results` (`results_refresh_for_submission`), built on
another branch; until it is there, refreshing it does nothing. The service calls this after
its transaction commits, so a refresh never sees (or keeps) a validation that rolled back.
"""

import importlib
import importlib.util

READ_MODEL_MODULE = "workprogramme.results"


def refresh_results_read_model(*, submission_id: int) -> None:
    """Refresh the read model's rows of a validated submission; a no-op without a read model."""
    if importlib.util.find_spec(READ_MODEL_MODULE) is None:
        return
    importlib.import_module(READ_MODEL_MODULE).results_refresh_for_submission(submission_id=submission_id)
