"""`python -m modules.demo --employees 10000 --teams 200 --weeks 52 --db PATH`: the scale generator."""

import sys

from modules.demo.organisation import main

sys.exit(main())
