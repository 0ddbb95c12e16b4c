"""The service links at the top of every page are evenly spaced."""

import pytest

pytestmark = pytest.mark.django_db

GAPS = """() => {
  const items = [...document.querySelectorAll('header nav ul.list-inline > li')];
  return items.slice(1).map((item, i) => ({
    between: items[i].innerText.trim() + ' | ' + item.innerText.trim(),
    gap: item.getBoundingClientRect().left - items[i].getBoundingClientRect().right,
  }));
}"""


def test_service_links_are_evenly_spaced_for_partners(client_as, served_by):
    show = served_by(client_as("partner_contact"))
    show("/")
    show.page.set_viewport_size({"width": 1280, "height": 900})
    gaps = show.page.evaluate(GAPS)
    assert "Mein Netzwerk | Materialien" in [gap["between"] for gap in gaps]
    widths = {round(gap["gap"]) for gap in gaps}
    assert max(widths) - min(widths) <= 1, gaps
