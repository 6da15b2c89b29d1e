"""The passed and failed checks of one test script, each printed as it is made.

The server, coach and front-door scripts share it; the kiosk scripts count with
kiosk_driver.Results, which also keeps the names of what failed for their summaries.
"""


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, cond, what, detail=""):
        if cond:
            self.passed += 1
            print(f"ok   {what}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {what} {detail}", flush=True)
        return cond

    def finish(self, extra=""):
        """Prints the totals and returns the script's exit code."""
        print(f"{self.passed} passed, {self.failed} failed{extra}")
        return 1 if self.failed else 0
