"""Random damage to the valid sample never makes `check_folder` raise: it only ever returns well-formed Problems."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stances.domain.problems import Problem
from stances.domain.validate import check_folder

SAMPLE = Path(__file__).resolve().parent / "data" / "sample"
FILES = {p.relative_to(SAMPLE).as_posix(): p.read_bytes() for p in sorted(SAMPLE.rglob("*.yaml"))}
NAMES = sorted(FILES)

# characters that tend to matter to YAML, plus anything at all
YAML_TEXT = st.sampled_from(
    [":", "- ", "  ", "\t", "#", "&a ", "*a", "!!python/object:os.system ", "[", "]", "{", "}", "'", '"', "|", ">"]
    + ["? ", "<<: ", "\ufeff", "\u2028", "\x85", "\r", "\x00", "\x1b", "yes", "2026-02-30", "~", "%YAML 1.1\n"]
)
ANY_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=8)
ANY_BYTES = st.binary(min_size=1, max_size=8)


def _lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\n")


@st.composite
def mutation(draw: st.DrawFn, raw: bytes) -> bytes:
    lines = _lines(raw)
    kind = draw(
        st.sampled_from(["delete", "duplicate", "tab", "replace", "truncate", "swap", "insert_text", "insert_bytes"])
    )
    if kind == "delete":
        del lines[draw(st.integers(0, len(lines) - 1))]
        return b"\n".join(lines)
    if kind == "duplicate":
        i = draw(st.integers(0, len(lines) - 1))
        lines.insert(draw(st.integers(0, len(lines))), lines[i])
        return b"\n".join(lines)
    if kind == "swap":
        i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines)
    if kind == "truncate":
        return raw[: draw(st.integers(0, len(raw)))]
    at = draw(st.integers(0, len(raw)))
    if kind == "tab":
        return raw[:at] + b"\t" + raw[at:]
    if kind == "replace":
        new = draw(st.one_of(YAML_TEXT, st.characters(codec="utf-8"))).encode("utf-8")
        return raw[:at] + new + raw[at + 1 :]
    if kind == "insert_text":
        return raw[:at] + draw(st.one_of(YAML_TEXT, ANY_TEXT)).encode("utf-8") + raw[at:]
    return raw[:at] + draw(ANY_BYTES) + raw[at:]


@st.composite
def damaged_folder(draw: st.DrawFn) -> dict[str, bytes]:
    files = dict(FILES)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(NAMES))
        files[name] = draw(mutation(files[name]))
    return files


def _check_problem(problem: Problem, files: dict[str, bytes]) -> None:
    assert isinstance(problem, Problem)
    assert problem.file in files, problem
    assert isinstance(problem.line, int) and problem.line >= 1, problem
    # a line the curator can find: never past the end of the file (as an editor counts lines)
    assert problem.line <= files[problem.file].count(b"\n") + 1, problem
    assert problem.field.strip(), problem
    assert problem.message.strip(), problem
    assert "\n" not in problem.message and "\n" not in problem.field, problem  # one problem, one output line
    assert problem.render().startswith(f"{problem.file}:{problem.line}: {problem.field}: ")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(damaged_folder())
def test_damaged_sample_gives_only_problems(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, raw in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(raw)
        dataset, problems = check_folder(folder)
    for problem in problems:
        _check_problem(problem, files)
    assert (dataset is None) == bool(problems)
    if files == FILES:
        assert problems == []
