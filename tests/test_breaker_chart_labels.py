"""The report's top-posts chart keeps its bar labels whole (helper "breaker"): "2. Instagram,
Tue 24 Nov" lost its "2. I" at the image's left edge, and ranking paid posts too adds
" (paid)", which cut deeper (the margin was a fixed 1.8 inches)."""

from matplotlib.backend_bases import ResizeEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg

from liveassets.analytics import charts


def _figures(paid: bool) -> dict:
    top = [{"platform": p, "views": v, "published_at": "2026-11-24T20:15:00+11:00",
            "paid": "spark" if paid else None, "paid_label": "paid: Spark Ads" if paid else ""}
           for p, v in (("tiktok", 61900), ("instagram", 45000), ("youtube", 15000),
                        ("instagram", 7000), ("youtube", 5000))]
    return {"top": top, "paid": {"posts": 5} if paid else None,
            "ranked_on": "all" if paid else "organic", "zone": "Australia/Sydney"}


def test_every_bar_label_is_inside_the_image():
    for paid in (False, True):
        fig = charts.top_posts(_figures(paid))
        canvas = FigureCanvasAgg(fig)          # as charts.png() draws it
        canvas.draw()
        renderer = canvas.get_renderer()
        labels = fig.axes[0].get_yticklabels()
        assert any("Instagram" in t.get_text() for t in labels)
        if paid:
            assert all(t.get_text().endswith("(paid)") for t in labels), \
                [t.get_text() for t in labels]
        for text in labels:
            box = text.get_window_extent(renderer)
            assert box.x0 >= 0, (text.get_text(), box.x0)


def test_labels_stay_inside_when_the_window_makes_the_chart_narrower():
    fig = charts.top_posts(_figures(False), size=(6.4, 2.6))
    fig.set_size_inches(4.6, 2.6)                 # a Report dock at half a laptop's width
    canvas = FigureCanvasAgg(fig)

    canvas.callbacks.process("resize_event", ResizeEvent("resize_event", canvas))
    canvas.draw()
    for text in fig.axes[0].get_yticklabels():
        assert text.get_window_extent(canvas.get_renderer()).x0 >= 0, text.get_text()
