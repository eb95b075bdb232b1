"""E-mail for every concern that sends it: addresses parsed by a real parser, and the SMTP server the install
names (`ACADEMY_SMTP_URL`). It imports nothing of the portal, so reminders and accounts alike can use it."""
