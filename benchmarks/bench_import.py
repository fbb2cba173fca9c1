"""How long `import dswlib` (and the CLI module) takes in a fresh interpreter. Prints figures."""

import statistics
import subprocess
import sys

RUNS = 7


def measure(stmt: str) -> list[float]:
    code = f"import time; t=time.perf_counter(); {stmt}; print(time.perf_counter()-t)"
    return [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout) for _ in range(RUNS)]


def main() -> None:
    for label, stmt in [("import dswlib", "import dswlib"), ("import dswlib.cli", "import dswlib.cli"),
                        ("import dswlib.scorecard", "import dswlib.scorecard")]:
        times = measure(stmt)
        print(f"{label:<26} median {statistics.median(times) * 1000:8.1f} ms   min {min(times) * 1000:8.1f} ms   ({RUNS} runs)")


if __name__ == "__main__":
    main()
