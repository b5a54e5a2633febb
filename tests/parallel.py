"""Running database operations at the same moment, for the tests of parallel requests."""

import threading

from django.db import connection


def run_together(*operations):
    """Run the operations in parallel threads, started together; return what each raised
    (None when it succeeded). Each thread closes its own database connection."""
    barrier = threading.Barrier(len(operations))
    outcomes = [None] * len(operations)

    def run(index, operation):
        try:
            barrier.wait()
            operation()
        except Exception as error:  # reported by the assertions of the test
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=[index, operation])
        for index, operation in enumerate(operations)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
