"""What learners do and where they stand: scoring, progress and statuses, and their actions."""
