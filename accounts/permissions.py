"""Who may view and change accounts (see core.scoping for the convention).

The secretariat and the GM manage accounts and roles, in the administration.
"""

from core.scoping import STAFF, declare

declare("accounts.User", view=STAFF, change=STAFF)
