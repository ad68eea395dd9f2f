"""Which catalog unit a plan's unit name means: a city named alone is the city, not the province of its name."""

from __future__ import annotations


def test_a_city_named_alone_is_the_city_not_the_province_of_its_name() -> None:
    from storage.units.catalog_files import CatalogNode
    from storage.units.claims import PlanUnit, _pick

    province = CatalogNode("15", None, 1, "Tỉnh", "Yên Bái", "Tỉnh Yên Bái")
    city = CatalogNode("132", "15", 2, "Thành phố", "Yên Bái", "Thành phố Yên Bái")
    written = PlanUnit(1, None, 1, "thành phố", "yen bai", "Yên Bái")  # a document's guess: level 1
    assert _pick(written, [province, city]) is city
    assert _pick(PlanUnit(2, None, 1, "tỉnh", "yen bai", "Yên Bái"), [province, city]) is province
    capital = CatalogNode("01", None, 1, "Thành phố", "Hà Nội", "Thành phố Hà Nội")
    assert _pick(PlanUnit(3, None, 1, "thành phố", "ha noi", "Hà Nội"), [capital]) is capital
