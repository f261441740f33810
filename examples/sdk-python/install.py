#!/usr/bin/env python3
"""Installs the real plugnmeet-sdk 1.0.2 from PyPI into a venv outside git (never
committed): <repo>/.cache/examples/sdk-python/venv, or $PNM_SDK_PYTHON_VENV.

    python3 examples/sdk-python/install.py

It prints the adapter command to run with that venv's interpreter.
"""
import os
import subprocess
import sys
import venv
from pathlib import Path

SDK_REQUIREMENTS = ["plugnmeet-sdk==1.0.2", "aiohttp>=3.12"]


def venv_directory() -> Path:
    default = Path(__file__).resolve().parents[2] / ".cache" / "examples" / "sdk-python" / "venv"
    return Path(os.environ.get("PNM_SDK_PYTHON_VENV") or default)


def main() -> None:
    directory = venv_directory()
    if not (directory / "bin" / "python").exists():
        venv.create(directory, with_pip=True)
    python = directory / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *SDK_REQUIREMENTS], check=True)
    adapter = Path(__file__).resolve().parent / "adapter.py"
    print(f"installed {', '.join(SDK_REQUIREMENTS)} in {directory}")
    print(f'run: --impl "{python} {adapter}"')


if __name__ == "__main__":
    sys.exit(main())
