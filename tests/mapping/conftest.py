from __future__ import annotations

from pathlib import Path

import pytest

HOSTILE_REGION = "<script>alert(1)</script>&\u202eNorth"
HOSTILE_CLUSTER = "=cmd|' /C calc'!A0 <b>bold</b>"


@pytest.fixture(scope="session")
def uk():
    from toolbox.mapping import compute

    return compute()


@pytest.fixture
def hostile_files(tmp_path) -> tuple[Path, Path]:
    """Two regions, two years, names that would act if not escaped."""
    employment = tmp_path / "employment.csv"
    rows = ["region,region_name,industry,year,employment,establishments"]
    for year, factor in ((2017, 1.0), (2018, 1.2)):
        rows += [f'R1,"{HOSTILE_REGION}",A,{year},{400 * factor:.0f},10',
                 f'R1,"{HOSTILE_REGION}",B,{year},{100 * factor:.0f},5',
                 f"R2,Plain,A,{year},100,8", f"R2,Plain,B,{year},{900 * factor:.0f},40",
                 f"R3,Third,A,{year},300,12", f"R3,Third,B,{year},300,9"]
    employment.write_text("\n".join(rows) + "\n", encoding="utf-8")
    mapping = tmp_path / "mapping.csv"
    mapping.write_text(f'industry,cluster,cluster_name\nA,a,"{HOSTILE_CLUSTER}"\nB,b,Bees\n', encoding="utf-8")
    return employment, mapping
