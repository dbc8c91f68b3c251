"""Where things are: the inputs of a period (`inputs/<nämnd>/<period>/`) and the templates.

Light on purpose (no docxtpl, no openpyxl): `generate check` and `--help` import it.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import InputNotFoundError
from generator.period import Period, parse_period

REPORT_TEMPLATE = "delarsrapport.docx"
OVERVIEW_TEMPLATE = "kommunoversikt.docx"  # written by --alla


def default_template(name: str = REPORT_TEMPLATE) -> Path:
    """templates/<name> beside the working directory, else beside the package."""
    for root in (Path.cwd(), Path(__file__).resolve().parents[1]):
        candidate = root / "templates" / name
        if candidate.is_file():
            return candidate
    return Path("templates") / name


def workbook_path(folder: Path, filename: str) -> Path:
    """`folder/filename`, or the file there whose name differs only in letter case.

    On Windows and macOS Utfall.xlsx is utfall.xlsx, so a folder copied from there must
    read the same on Linux; messages then name the file as it is called.
    """
    exact = folder / filename
    if exact.exists() or not folder.is_dir():
        return exact
    key = filename.casefold()
    try:
        return next((p for p in sorted(folder.iterdir()) if p.name.casefold() == key), exact)
    except OSError:  # a folder that cannot be listed: the file is reported as missing
        return exact


def _periods_in(folder: Path) -> list[str]:
    """The period folders' slugs in date order (mar-2024 before aug-2024), as messages list
    them: in name order the months read aug, dec, mar, nov, okt."""
    found = []
    for child in folder.iterdir() if folder.is_dir() else []:
        if child.is_dir():
            try:
                found.append(parse_period(child.name))
            except Exception:  # noqa: BLE001 - folders that are not periods are ignored
                continue
    return [period.slug for period in sorted(found)]


def namnd_folders(inputs_root: Path) -> list[Path]:
    """Every nämnd folder: a folder under inputs/ holding at least one period folder."""
    if not inputs_root.is_dir():
        return []
    return [d for d in sorted(inputs_root.iterdir()) if d.is_dir() and _periods_in(d)]


def chosen_namnd_folders(inputs_root: Path, namnd: str | None = None) -> list[Path]:
    """Every nämnd folder, or the one `--namnd` names; a clear error if there is no such one."""
    folders = namnd_folders(inputs_root)
    if namnd is None:
        return folders
    chosen = [d for d in folders if d.name.casefold() == namnd.casefold()]
    if not chosen:
        names = ", ".join(d.name for d in folders) or "inga"
        raise InputNotFoundError(
            f'Nämnden "{namnd}" finns inte under {inputs_root}. Nämnder som finns: {names}.'
        )
    return chosen


def find_input_dirs(inputs_root: Path, period: Period, namnd: str | None = None) -> list[Path]:
    """The period folders to build reports from, one per nämnd; a clear error if none."""
    folders = chosen_namnd_folders(inputs_root, namnd)
    result = [d / period.slug for d in folders if (d / period.slug).is_dir()]
    if not result:
        if not folders:
            raise InputNotFoundError(
                f"Hittade inga indata under {inputs_root.resolve()}. Förväntade mappar som "
                f"{inputs_root}/<nämnd>/{period.slug}/ med arbetsböckerna."
            )
        existing = "; ".join(f"{d.name}: {', '.join(_periods_in(d))}" for d in folders)
        raise InputNotFoundError(
            f"Hittade inga indata för perioden {period.slug}. Letade i "
            + ", ".join(str(d / period.slug) for d in folders)
            + f". Perioder som finns: {existing}."
        )
    return result


def periods_in(namnd_folder: Path) -> list[Period]:
    """The periods a nämnd folder holds, oldest first."""
    return [parse_period(slug) for slug in _periods_in(namnd_folder)]


def newest_period(inputs_root: Path, namnd: str | None = None) -> Period | None:
    """The latest period of any nämnd (or of the one named); what the launchers run."""
    found = [p for d in chosen_namnd_folders(inputs_root, namnd) for p in periods_in(d)]
    return max(found, default=None)
