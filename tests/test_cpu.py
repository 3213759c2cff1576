"""The blis kernel chosen from the CPU's flags, annotations unchanged by it, and a light CLI.

The kernel and import tests run Python in subprocesses: blis chooses its kernel once, when it
loads, and ``sys.modules`` of this test process holds everything the other tests imported.
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from tests.conftest import SEEDS

from wirewatch import cli as cli_module
from wirewatch import cpu
from wirewatch.pipeline import Stage
from wirewatch.records import Article
from wirewatch.store import Store

AVX512 = {"sse2", "avx", "fma", "avx2", "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512cd"}
LINUX_X86 = sys.platform.startswith("linux") and os.uname().machine == "x86_64"
HEAVY = ("scipy", "datasketch", "spacy", "thinc", "blis", "trafilatura", "httpx", "feedparser")


@pytest.fixture(autouse=True)
def _keep_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests below call ``choose`` on made-up CPUs: this process keeps its own record."""
    monkeypatch.setattr(cpu, "_made", cpu._made)


def _clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without the kernel choice it made or inherited."""
    env = {k: v for k, v in os.environ.items() if k not in (cpu.VARIABLE, cpu.MARK)}
    return {**env, **extra}


def _python(code: str, env: dict[str, str] | None = None, timeout: float = 300) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env if env is not None else _clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_best_kernel_needs_every_flag_it_uses() -> None:
    assert cpu.best(AVX512, "AuthenticAMD") == "skx"
    assert cpu.best(AVX512 - {"avx512vl"}, "AuthenticAMD") == "haswell"
    assert cpu.best({"avx", "fma", "avx2"}, "HygonGenuine") == "haswell"
    assert cpu.best({"avx", "avx2"}, "AuthenticAMD") is None  # no FMA: blis decides
    assert cpu.best({"sse2", "avx"}, "") is None
    assert cpu.best(AVX512, "GenuineIntel") is None  # blis knows Intel CPUs by their flags


def test_read_cpu_takes_the_first_cpus_vendor_and_flags(tmp_path: Path) -> None:
    info = tmp_path / "cpuinfo"
    info.write_text(
        "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\nflags\t\t: fpu avx2 fma\n\n"
        "processor\t: 1\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu\n",
        encoding="utf-8",
    )
    assert cpu.read_cpu(info) == ("AuthenticAMD", frozenset({"fpu", "avx2", "fma"}))
    assert cpu.read_cpu(tmp_path / "absent") is None


@pytest.fixture
def amd_avx512(tmp_path: Path) -> Path:
    info = tmp_path / "cpuinfo"
    info.write_text(f"vendor_id : AuthenticAMD\nflags : {' '.join(AVX512)}\n", encoding="utf-8")
    return info


@pytest.mark.skipif(not LINUX_X86, reason="the choice is made on Linux x86-64 only")
def test_choose_sets_the_kernel_and_a_child_keeps_it(amd_avx512: Path) -> None:
    environ: dict[str, str] = {}
    made = cpu.choose(environ, amd_avx512, loaded=False)
    assert made == cpu.Choice("skx", "from the CPU's flags")
    assert environ[cpu.VARIABLE] == str(cpu.IDS["skx"])
    # A worker inherits both variables: the same kernel, still known as wirewatch's choice.
    assert cpu.choose(dict(environ), amd_avx512, loaded=True) == made


def test_the_users_variable_wins_and_a_loaded_blis_is_left_alone(amd_avx512: Path) -> None:
    environ = {cpu.VARIABLE: "25"}
    made = cpu.choose(environ, amd_avx512, loaded=False)
    assert made.kernel is None and "set by the user" in made.reason
    assert environ == {cpu.VARIABLE: "25"}
    environ = {}
    assert cpu.choose(environ, amd_avx512, loaded=True).kernel is None
    assert environ == {}
    assert cpu.choose(environ, amd_avx512.parent / "absent", loaded=False).kernel is None
    assert environ == {}


def test_the_ids_name_those_kernels_in_the_installed_blis() -> None:
    import blis.cy

    library = ctypes.CDLL(blis.cy.__file__)
    library.bli_arch_string.restype = ctypes.c_char_p
    library.bli_arch_string.argtypes = [ctypes.c_int]
    for name, number in cpu.IDS.items():
        assert library.bli_arch_string(number) == name.encode()


@pytest.mark.skipif(not LINUX_X86, reason="the choice is made on Linux x86-64 only")
def test_wirewatch_runs_the_kernel_it_chose_and_the_users_choice_wins() -> None:
    code = (
        "import json, wirewatch, blis.cy; from wirewatch import cpu\n"
        "print(json.dumps([cpu.active(), cpu.choose(loaded=True).kernel, cpu.kernel()]))"
    )
    active, chosen, told = json.loads(_python(code))
    found = cpu.read_cpu()
    assert found is not None
    if chosen is not None:
        assert active == chosen
        assert dict(cpu.KERNELS)[chosen] <= found[1]  # never a kernel the CPU lacks
    assert told.startswith(f"{active} (")
    generic = str(cpu.IDS["generic"])
    active, chosen, told = json.loads(_python(code, _clean_env(BLIS_ARCH_TYPE=generic)))
    assert (active, chosen) == ("generic", None)
    assert told == f"generic (BLIS_ARCH_TYPE={generic} set by the user)"


ANNOTATE = """
import json, sys
import wirewatch
from wirewatch import cpu, settings
from wirewatch.stages import ingest, parse
from wirewatch.stages.ingest.sources import Input

conf = settings.load({})
articles = []
for path in sys.argv[1:]:
    item = Input(path, open(path, "rb").read(), "text")
    articles.append(ingest.article_from(item, published=None, min_english=conf.min_english,
                                        min_words=1, max_chars=conf.max_chars))
done = parse.stage(conf).batch(articles)
print(json.dumps({"kernel": cpu.active(), "docs": [[
    [t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start]
    for t in article.doc] for article in done]}))
"""


def test_annotations_are_identical_with_the_generic_kernel() -> None:
    """The chosen kernel changes speed only: tokens, tags, dependencies, entities, sentences."""
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    assert seeds
    generic = _clean_env(BLIS_ARCH_TYPE=str(cpu.IDS["generic"]))
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", ANNOTATE, *seeds], env=env, stdout=subprocess.PIPE, text=True
        )
        for env in (_clean_env(), generic)
    ]
    chosen, reference = (json.loads(run.communicate(timeout=600)[0]) for run in runs)
    assert reference["kernel"] == "generic"
    if chosen["kernel"] == "generic":
        pytest.skip("blis runs its generic kernel on this CPU: nothing to compare")
    assert sum(len(doc) for doc in chosen["docs"]) > 500
    assert chosen["docs"] == reference["docs"]


@pytest.mark.parametrize(
    "args", [["--help"], ["settings"], ["articles"], ["claims"], ["dedup", "--help"]]
)
def test_help_and_read_commands_import_no_heavy_library(args: list[str], tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store(str(db)).close()
    code = (
        "import sys, json\nfrom wirewatch.cli import cli\n"
        "try:\n    cli.main(sys.argv[1:], prog_name='wirewatch', standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    env = _clean_env(WIREWATCH_DB=str(db))
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_help_lists_lazy_commands_with_their_own_help() -> None:
    group = cli_module.cli
    ctx = click.Context(group)
    for name, target in cli_module.LAZY.items():
        stand_in = cli_module.summary(target)
        real = group.get_command(ctx, name)
        assert stand_in is not None and real is not None, name
        for limit in (30, 45, 80):
            assert stand_in.get_short_help_str(limit) == real.get_short_help_str(limit), name


def _toy_stages(calls: list[str]) -> list[Stage]:
    def setup() -> None:
        calls.append("setup")

    def run(article: Article) -> Article:
        return article

    return [Stage(name="toy", version="1", run=run, setup=setup)]


@pytest.mark.parametrize("program", [True, False])
def test_the_program_freezes_the_loaded_models(
    program: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the ``wirewatch`` program, after the stages' setup; never inside another program."""
    calls: list[str] = []
    monkeypatch.setattr(cli_module.stages, "default", lambda _conf: _toy_stages(calls))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    seed = str(sorted(SEEDS.glob("*.txt"))[0])
    args = ["run", seed, "--db", str(tmp_path / "w.db")]
    obj: dict[str, Any] = {cli_module.PROGRAM: True} if program else {}
    with pytest.raises(SystemExit):
        cli_module.cli.main(args, prog_name="wirewatch", obj=obj)
    assert calls == (["setup", "freeze"] if program else ["setup"])


def test_nothing_is_left_for_the_collector_at_exit() -> None:
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print(len(gc.get_objects()), gc.get_freeze_count()))\n"
        "from wirewatch.cli import main\nsys.argv = ['wirewatch', 'settings']\nmain()"
    )
    left, frozen = map(int, _python(code).split()[-2:])
    assert left < 100 and frozen > 10_000
