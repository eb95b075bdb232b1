"""`python -m modules.accounts add|reset-password|unlock|import|list`: accounts from the terminal."""

import sys

from modules.accounts.cli import main

sys.exit(main())
