"""The roles of the web service's accounts and their Vietnamese names.

Here rather than beside the account table so that the command line can name them without
loading the database library.
"""

ADMIN, REVIEWER, SECRETARY = "admin", "reviewer", "secretary"
ROLES = (ADMIN, REVIEWER, SECRETARY)
ROLE_VI = {ADMIN: "quản trị", REVIEWER: "người duyệt", SECRETARY: "thư ký đơn vị"}
