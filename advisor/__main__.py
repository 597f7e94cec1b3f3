import gc
import sys

# The command line's modules live as long as the process: the cyclic collector is held off
# while they load (`main` does the same while it builds the parser, then freezes them).
gc.disable()
from advisor.cli import command

gc.enable()
sys.exit(command())
