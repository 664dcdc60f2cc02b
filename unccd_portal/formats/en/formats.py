# UN English documents write dates as "31 May 2019" (Django's default is "May 31, 2019").
DATE_FORMAT = "j F Y"
