"""The PNG painter on the primitives the map pictures added: turned text, halos, rounded tiles, translucent
bubbles and groups. Each expected pixel follows from the primitive's geometry at raster.OUTPUT_SCALE."""

from __future__ import annotations

import io

from PIL import Image

from toolbox.render.report.charts import Chart, Circle, Group, Rect, Text
from toolbox.render.report.raster import OUTPUT_SCALE, chart_png


def paint(*items, width=200, height=200) -> Image.Image:
    chart = Chart("t", "test", "a test chart", width, height)
    chart.add(*items)
    return Image.open(io.BytesIO(chart_png(chart))).convert("RGB")


def inked(image: Image.Image) -> tuple[int, int, int, int]:
    """The box of the pixels that are not white."""
    mask = image.convert("L").point(lambda v: 255 if v < 200 else 0)
    return mask.getbbox()


def test_text_turned_by_minus_90_reads_upwards_from_its_anchor():
    image = paint(Text(100, 150, "Employment growth", size=12, rotate=-90))
    left, top, right, bottom = inked(image)
    assert bottom - top > 3 * (right - left)  # a column, not a line
    s = OUTPUT_SCALE
    assert abs(bottom - 150 * s) <= 3 * s and top < 150 * s - 80 * s  # starts at the anchor, goes up
    # the baseline turned upright at x = 100: capitals left of it, only descenders (p, y, g) right of it
    assert 100 * s - 12 * s <= left < 100 * s - 6 * s and 100 * s < right <= 100 * s + 0.3 * 12 * s


def test_middle_anchored_turned_text_is_centred_on_its_anchor():
    image = paint(Text(100, 100, "Employment growth", size=12, anchor="middle", rotate=-90))
    _, top, _, bottom = inked(image)
    assert abs((top + bottom) / 2 - 100 * OUTPUT_SCALE) <= 3 * OUTPUT_SCALE


def test_a_halo_draws_white_around_the_glyphs_over_a_dark_fill():
    plain = paint(Rect(0, 0, 200, 200, fill="#000000"), Text(20, 100, "Cumbria", size=20, fill="#000000"))
    halo = paint(Rect(0, 0, 200, 200, fill="#000000"), Text(20, 100, "Cumbria", size=20, fill="#000000",
                                                              halo="#ffffff"))
    assert plain.getcolors() == [(400 * 400, (0, 0, 0))]  # black on black: nothing to see
    assert inked(Image.eval(halo, lambda v: 255 - v))  # white pixels where the halo is


def test_a_rounded_tile_leaves_its_corners_white_and_fills_its_middle():
    image = paint(Rect(50, 50, 52, 52, fill="#e66101", stroke="#555555", stroke_width=0.8, rx=3))
    s = OUTPUT_SCALE
    assert min(image.getpixel((round(50 * s), round(50 * s)))) >= 250  # white, give or take the smoothing
    r, g, b = image.getpixel((round(76 * s), round(76 * s)))
    assert abs(r - 0xe6) <= 4 and abs(g - 0x61) <= 4 and abs(b - 0x01) <= 4


def test_a_translucent_bubble_blends_with_what_is_under_it():
    image = paint(Circle(100, 100, 30, fill="#000000", stroke="#000000", opacity=0.8))
    value = image.getpixel((100 * OUTPUT_SCALE, 100 * OUTPUT_SCALE))[0]
    assert abs(value - 0.2 * 255) <= 4  # 80 % black over white


def test_a_group_paints_its_members():
    grouped = paint(Group((Rect(10, 10, 40, 40, fill="#2f6690"), Text(20, 80, "UKD1")), title="tooltip"))
    loose = paint(Rect(10, 10, 40, 40, fill="#2f6690"), Text(20, 80, "UKD1"))
    assert grouped.tobytes() == loose.tobytes()


def test_the_png_is_the_same_bytes_every_time():
    chart = Chart("t", "test", "a test chart", 100, 100)
    chart.add(Text(50, 50, "a", rotate=-90, halo="#ffffff"), Circle(20, 20, 5, opacity=0.5))
    assert chart_png(chart) == chart_png(chart)
