"""Every setting has a type and range; a wrong one is exit 2 naming the key (issue 13 #2, #4, #5, #16)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from checker import config as config_mod, settings
from checker.cli import ExitCode, main
from checker.errors import ConfigError

NO_ENV: dict[str, str] = {}
DRAFT = "Officials said 12 people were killed.\n"


def test_every_setting_has_a_kind() -> None:
    assert list(config_mod.SETTINGS) == list(config_mod.KINDS) == list(config_mod.Config._fields)
    config_mod.validate(config_mod.Config())  # the defaults pass their own checks


def test_each_field_has_the_setting_declared_with_it() -> None:
    """The Settings are paired with the fields in the order they were declared: each flag names its own field."""
    flags = {name: s.flag for name, s in config_mod.SETTINGS.items() if s.flag}
    assert len(flags) == 21  # --exclude, --extend-exclude and --per-file-ignores among them
    for name, flag in flags.items():
        assert flag == "--" + ("no-" if config_mod.SETTINGS[name].negate else "") + name.replace("_", "-")
    assert config_mod.SETTINGS["api_key"].file_key is None and config_mod.SETTINGS["api_key"].kind.secret
    assert config_mod.SETTINGS["taxonomy_tables"].file_key == "taxonomy"


def test_each_config_has_its_own_tables() -> None:
    """A table written into one Config (a library caller's) changes neither the defaults nor another Config."""
    given = {"FL201": "info"}
    first, second = config_mod.Config(), config_mod.Config(severity=given)
    first.severity["FL202"] = "error"
    given["FL203"] = "error"
    assert config_mod.Config().severity == {} and second.severity == {"FL201": "info"}
    assert config_mod.Config._field_defaults["severity"] == {}


def test_a_field_without_its_setting_or_a_setting_without_its_field_is_an_error() -> None:
    class Fields(NamedTuple):
        named: str = settings.setting("a", settings.text(), "declared with its setting")
        plain: str = "b"  # no setting(): the Settings would be paired with the wrong fields

    with pytest.raises(TypeError, match="2 fields, 1 settings"):
        settings.declared(Fields._fields)
    settings.setting("c")
    with pytest.raises(TypeError, match="0 fields, 1 settings"):
        settings.declared(())
    assert settings.declared(()) == {}  # each call takes what was declared since the last one


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('ignore = "FL201"', "ignore"),  # was tuple("FL201"): prefixes F, L, 2, 0, 1 -> every rule ignored
        ('select = "FL101"', "select"),
        ('paths = "drafts"', "paths"),  # was a search for "d", "r", …
        ("include = 5", "include"),
        ("exclude = [1, 2]", "exclude"),
        ('concurrency = "four"', "concurrency"),
        ("concurrency = 0", "concurrency"),
        ("concurrency = true", "concurrency"),
        ('timeout = "fast"', "timeout"),
        ("timeout = nan", "timeout"),
        ("timeout = inf", "timeout"),
        ("timeout = 0", "timeout"),
        ('approx_tolerance = "0.1"', "approx_tolerance"),
        ("approx_tolerance = 1.5", "approx_tolerance"),
        ('severity = "error"', "severity"),
        ("taxonomy = 5", "taxonomy"),
        ("taxonomy = { populations = 5 }", "taxonomy"),
        ("max_retries = -1", "max_retries"),
        ("reasks = -5", "reasks"),
        ('backoff_max = "x"', "backoff_max"),
        ("backoff-initial = -1.0", "backoff-initial"),
        ("chunk_chars = 0", "chunk_chars"),
        ("temperature = -1", "temperature"),
        ('no_cache = "yes"', "no_cache"),
        ("model = 4", "model"),
        ("baseline = false", "baseline"),
        ('cache_dir = ["a"]', "cache_dir"),
        ("fail_on = 1", "fail_on"),
    ],
)
def test_wrong_type_or_range_in_a_config_file_is_exit_2_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, key: str
) -> None:
    (tmp_path / ".factlint.toml").write_text(line + "\n", encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code = main(["check", str(draft), "--config", str(tmp_path), "--extractor", "offline"])
    err = capsys.readouterr().err
    assert code == ExitCode.USAGE, err
    assert err.count("\n") == 1 and f" {key}: expected " in err and "Traceback" not in err


def test_a_list_setting_is_still_read_as_a_list(tmp_path: Path) -> None:
    (tmp_path / ".factlint.toml").write_text('ignore = ["FL201"]\n', encoding="utf-8")
    assert config_mod.load(tmp_path, NO_ENV).ignore == ("FL201",)


@pytest.mark.parametrize(
    ("flags", "key"),
    [
        (["--timeout", "nan"], "timeout"),
        (["--timeout", "-3"], "timeout"),
        (["--concurrency", "0"], "concurrency"),
        (["--base-url", "ftp://example.org/v1"], "base_url"),
        (["--base-url", "localhost:8080/v1"], "base_url"),  # no scheme
        (["--base-url", "http://127.0.0.1:80x/v1"], "base_url"),  # malformed port
        (["--base-url", "http://127.0.0.1:99999/v1"], "base_url"),
        (["--base-url", "http:///v1"], "base_url"),
        # a query: the SDK appends /chat/completions after it, so requests went to POST /openai/deployments/d
        (["--base-url", "http://127.0.0.1:9/openai/deployments/d?api-version=2024-10-21"], "base_url"),
        (["--base-url", "http://127.0.0.1:9/v1#x"], "base_url"),
    ],
)
def test_llm_misconfiguration_is_exit_2_at_once_naming_the_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], key: str
) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code = main(["check", str(draft), "--config", str(tmp_path), "--extractor", "llm", *flags])
    err = capsys.readouterr().err
    assert code == ExitCode.USAGE, err
    assert err.count("\n") == 1 and f"{key}: " in err


SECRET_KEY = "sk-proj-TOPSECRET0123456789abcdef"


@pytest.mark.parametrize("value", [SECRET_KEY, "sk_live_TOPSECRET0123456789", "TOPSECRETa1B2c3D4e5F6g7H8i9J0k"])
def test_a_key_pasted_into_api_key_env_is_refused_and_not_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code = main(["check", str(draft), "--config", str(tmp_path), "--api-key-env", value])
    out, err = capsys.readouterr()
    assert code == ExitCode.USAGE
    assert "api_key_env: " in err and "TOPSECRET" not in err + out


def test_a_key_pasted_into_api_key_env_in_a_file_is_not_printed(tmp_path: Path) -> None:
    (tmp_path / ".factlint.toml").write_text(f'api_key_env = "{SECRET_KEY}"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        config_mod.load(tmp_path, NO_ENV)
    assert "api_key_env" in str(caught.value) and "TOPSECRET" not in str(caught.value)


@pytest.mark.parametrize("name", ["OPENAI_API_KEY", "MY_KEY_VAR", "KEY_FILE", "azure_openai_key"])
def test_ordinary_variable_names_are_accepted(name: str) -> None:
    assert config_mod.Config().replace(api_key_env=name).api_key_env == name


@pytest.mark.parametrize(
    "url",
    ["http://user:hunter2pass@127.0.0.1:8080/v1", "https://:hunter2pass@api.example.org/v1", "http://hunter2pass@h/v1"],
)
def test_credentials_in_the_base_url_are_refused_redacted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    assert main(["check", str(draft), "--config", str(tmp_path), "--base-url", url]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "base_url: credentials in the URL are refused" in err and "hunter2pass" not in err and "***@" in err
    monkeypatch.setenv("FACTLINT_BASE_URL", url)  # the environment is checked the same way
    assert main(["check", str(draft), "--config", str(tmp_path)]) == ExitCode.USAGE
    assert "hunter2pass" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "url",
    [
        "ftp://h/v1?api-key=hunter2pass",  # a key in the query string
        "https:///v1?key=hunter2pass",
        "https://h:99999/v1#hunter2pass",
        "sk-hunter2passABCDEF",  # the key pasted as the URL
        "http://[h/v1?key=hunter2pass",  # does not even split as a URL: was an internal error
    ],
)
def test_a_bad_base_url_is_refused_without_showing_a_key_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    assert main(["check", str(draft), "--config", str(tmp_path), "--base-url", url]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err.startswith("factlint: error: base_url: ") and err.count("\n") == 1 and "hunter2pass" not in err


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9/sk-hunter2passABCDEF/v1", "https://gw.example.org/v1/Hunter2PassAbCdEfGhIjKl1234/openai"],
)
def test_a_key_in_the_base_urls_path_is_refused_without_showing_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    """The base URL is shown in the notes, the errors and every report's extractor line, so a key in its path
    would be too: refused (as credentials before the host are), the key not shown."""
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    assert main(["check", str(draft), "--config", str(tmp_path), "--base-url", url]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err.startswith("factlint: error: base_url: an API key in the URL's path is refused (")
    assert err.count("\n") == 1 and "unter2pass" not in err and "/***/" in err


def test_the_api_keys_own_value_in_the_base_url_is_refused_without_showing_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any key (``_looks_like_key`` knows only some shapes): the value of ``api_key_env`` as a path segment."""
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    monkeypatch.setenv("OPENAI_API_KEY", "hunter2pass-0011")
    url = "http://127.0.0.1:9/hunter2pass-0011/v1"
    assert main(["check", str(draft), "--config", str(tmp_path), "--base-url", url]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err.startswith("factlint: error: base_url: its path holds the API key") and "hunter2pass" not in err
    monkeypatch.setenv("OPENAI_API_KEY", "localhost")  # a stand-in key that is also the host is no leak
    assert config_mod.load(tmp_path, {"OPENAI_API_KEY": "localhost"}, base_url="http://localhost:9/v1").api_key


OWN_KEY = "hunter2pass-0011"  # a fake key of no shape _looks_like_key knows
OWN_URL = f"http://127.0.0.1:9/{OWN_KEY}/v1"


@pytest.mark.parametrize(
    ("args", "env", "file"),
    [
        (["--base-url", OWN_URL], {}, ""),
        ([], {"FACTLINT_BASE_URL": OWN_URL}, ""),
        (["--extractor", "llm"], {"OPENAI_BASE_URL": OWN_URL}, ""),
        ([], {}, f'base_url = "{OWN_URL}"\n'),
        (["--base-url", OWN_URL, "--api-key-env", "DESK_KEY"], {"DESK_KEY": OWN_KEY, "OPENAI_API_KEY": ""}, ""),
    ],
)
def test_the_api_key_in_the_base_urls_path_is_refused_from_every_origin(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    env: dict[str, str],
    file: str,
) -> None:
    """A flag, either environment variable, a config file, another key variable: one check, one message."""
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    (tmp_path / ".factlint.toml").write_text(file, encoding="utf-8")
    monkeypatch.setenv("OPENAI_API_KEY", OWN_KEY)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert main(["check", str(draft), "--config", str(tmp_path), *args]) == ExitCode.USAGE
    captured = capsys.readouterr()
    assert (
        captured.err == "factlint: error: base_url: its path holds the API key, which would be shown with it"
        " (not shown); remove it\n"
    )
    assert OWN_KEY not in captured.out


def test_a_config_made_in_python_with_the_api_key_in_its_base_url_is_refused() -> None:
    """The check is the Config's, not load()'s: a Config built directly, or changed, is refused too."""
    with pytest.raises(ConfigError, match="its path holds the API key") as raised:
        config_mod.Config(extractor="llm", api_key=OWN_KEY, base_url=OWN_URL)
    assert OWN_KEY not in str(raised.value)
    keyed = config_mod.Config(extractor="llm", api_key=OWN_KEY, base_url="http://127.0.0.1:9/v1")
    with pytest.raises(ConfigError, match="its path holds the API key"):
        keyed.replace(base_url=OWN_URL)
    with pytest.raises(ConfigError, match="its path holds the API key"):
        config_mod.Config(base_url=OWN_URL).replace(api_key=OWN_KEY)


@pytest.mark.parametrize("url", ["http://127.0.0.1:11434/v1", "https://example.openai.azure.com/openai/v1", ""])
def test_good_base_urls_are_accepted(url: str) -> None:
    assert config_mod.Config().replace(base_url=url).base_url == url


def test_a_string_where_a_list_belongs_says_how_to_write_it(tmp_path: Path) -> None:
    (tmp_path / ".factlint.toml").write_text('ignore = "FL201"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"ignore: expected a list of strings, got 'FL201'; write \[\"FL201\"\]"):
        config_mod.load(tmp_path, NO_ENV)


def test_a_config_is_hashable_by_its_contents() -> None:
    a = config_mod.Config(severity={"FL201": "error"}, taxonomy_tables={"parents": {"medic": "person"}})
    b = config_mod.Config(severity={"FL201": "error"}, taxonomy_tables={"parents": {"medic": "person"}})
    assert hash(a) == hash(b) and a == b and len({a, b, config_mod.Config()}) == 2
    assert a.taxonomy is b.taxonomy  # built once for the same tables


def test_a_config_built_directly_is_validated() -> None:
    with pytest.raises(ConfigError, match="concurrency"):
        config_mod.Config(concurrency=0)


def test_a_config_made_by_the_named_tuples_own_methods_is_validated() -> None:
    """``_replace`` and ``_make`` (a named tuple's public methods) build a Config as ``Config(...)`` does: they
    went past its check (namedtuple builds them with ``tuple.__new__``), giving a Config no file could."""
    good = config_mod.Config()
    with pytest.raises(ConfigError, match="min_severity"):
        good._replace(min_severity="bogus")
    at = config_mod.Config._fields.index("concurrency")
    with pytest.raises(ConfigError, match="concurrency"):
        config_mod.Config._make((*good[:at], 0, *good[at + 1 :]))
    with pytest.raises(ConfigError, match="select"):
        good._replace(select=("FL9",))  # a selector matching no rule, as in a file
    assert good._replace(fail_on="warning").fail_on == "warning" and config_mod.Config._make(good) == good
    with pytest.raises(ValueError, match="unexpected field"):
        good._replace(colour="never")


def test_an_unknown_mode_is_a_configuration_error_not_an_extraction_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / ".factlint.toml").write_text('mode = "xml"\n', encoding="utf-8")
    assert main(["check", "d.txt", "--extractor", "llm", "--base-url", "http://127.0.0.1:9/v1"]) == ExitCode.USAGE
    assert "mode" in capsys.readouterr().err
    with pytest.raises(ConfigError, match="mode"):
        config_mod.Config(mode="xml")


@pytest.mark.parametrize(
    ("var", "value"),
    [("FACTLINT_EXTRACTOR", "bogus"), ("FACTLINT_BASE_URL", "ftp://h/v1"), ("FACTLINT_EXTRACTOR", "off-line")],
)
def test_a_bad_environment_variable_is_named_in_the_error(var: str, value: str) -> None:
    """Which of the settings' sources holds the bad value: the variable, as a config file's error names the file."""
    with pytest.raises(ConfigError, match=rf"^{var}: "):
        config_mod.load(None, {var: value})
