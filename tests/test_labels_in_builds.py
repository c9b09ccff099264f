"""Real builds in the site's language: every word the plugin writes on its pages, cards and
query results comes from the labels of ``theme.language`` (Material) or ``theme.locale``, with
the ``labels`` option over them; the build log stays English."""

from __future__ import annotations

import json

import pytest

from .conftest import Built, Site
from .docs import design, spec
from .test_translated_sites import translated

RESIDUE = "\n[Describe the problem this feature solves]\n"


@pytest.fixture
def french(site: Site) -> Site:
    site.config(theme={"name": "material", "language": "fr"})
    site.plugin(types={"note": {"paths": ["notes/*.md"]}})
    site.doc("index.md", "# Accueil\n")
    site.doc("design/pay-1.md", design("PAY-1", "Draft", "[alice]"))
    site.doc(
        "design/pay-2.md",
        design("PAY-2", "Approved", "[alice, bob]").replace(
            "created: 2025-03-01\n", "created: 2025-03-01\ndepends_on: [PAY-1]\n"
        ),
    )
    site.doc("specs/001-checkout.md", spec("001-checkout", status="In Progress", extra=RESIDUE))
    site.doc("notes/loose.md", "# Une note\n\nSans métadonnées.\n")
    site.doc(
        "report.md",
        "# Rapport\n\n"
        "```specs\nwhere: {owner: alice}\ncolumns: [title, status, owners, valid]\n```\n\n"
        "```specs\nwhere: {status: Gone}\nshow: count\n```\n\n"
        "```specs\nwhere: {status: Gone}\n```\n",
    )
    return site


def texts(built: Built, path: str, tag: str) -> list[str]:
    return [node.text for node in built.content(path).find_all(tag)]


def test_a_french_site_shows_french_labels_on_the_generated_pages(french, logs):
    built = french.build()
    logs.expect_findings()
    home = built.content("specs-index/index.html")
    assert built.page("specs-index/index.html").find("title").text.startswith("Spécifications")
    assert home.find(class_="specs-summary").text.startswith("4 documents")
    relations = home.find(class_="specs-relations-link")
    assert relations.text == "Relations : 1 lien entre documents."
    headings = texts(built, "specs-index/index.html", "h2")
    assert headings == ["Par statut", "Par responsable", "Par type", "Tous les documents"]
    owners = home.find(class_="specs-groups--owner").text
    assert "Sans responsable" in owners
    assert "Sans statut" in home.find(class_="specs-groups--status").text
    columns = [th.text for th in home.find("thead").find_all("th")]
    assert columns == [
        "Document",
        "ID",
        "Type",
        "Statut",
        "Responsables",
        "Mis à jour",
        "Avancement",
    ]
    assert "aucune liste de tâches" in home.text  # the note has no checklist
    words = json.loads(home.find("table").attrs["data-specs-labels"])  # for the table's script
    assert words["language"] == "fr" and words["filter"] == "Filtrer les documents"
    assert words["count"]["one"] == "{shown} sur {count} document"

    draft = built.content("specs-index/status/draft/index.html")
    assert draft.find("h1").text == "Statut : Draft"
    assert draft.find(class_="specs-summary").text.startswith("1 document.")
    assert draft.find(class_="specs-back").text == "Tous les documents"
    assert draft.find("nav").attrs["aria-label"] == "Par statut"
    assert texts(built, "specs-index/status/draft/index.html", "h2") == ["Documents", "Par statut"]
    cells = draft.find("tbody").find_all("td")
    assert [td.attrs["data-label"] for td in cells][:3] == ["Document", "ID", "Type"]

    page = built.content("specs-index/relations/index.html")
    assert page.find(class_="specs-summary").text == "1 lien entre 2 des 4 documents."
    assert [th.text for th in page.find("thead").find_all("th")] == [
        "Document",
        "Relation",
        "Document",
        "Statut",
    ]
    assert "Dépend de" in page.text
    assert texts(built, "specs-index/relations/index.html", "h2") == ["Liens"]


def test_a_french_site_shows_french_labels_on_cards_and_query_results(french, logs):
    built = french.build()
    logs.expect_findings()
    card = built.content("specs/001-checkout/index.html")
    facts = [dt.text for dt in card.find_all("dt")]
    assert facts == [
        "Type",
        "Statut",
        "ID",
        "Responsables",
        "Créé",
        "Mis à jour",
        "Avancement",
        "À remplir",
    ]
    assert card.find(class_="specs-card__left").find("dd").text == "1 espace réservé"
    bar = card.find(role="progressbar")
    assert bar.attrs["aria-label"] == "Avancement de ce document"
    assert bar.attrs["aria-valuetext"] == "1 sur 2 éléments terminés (50 %)"
    assert card.attrs["aria-label"] == "Résumé du document"
    assert card.find(class_="specs-card__home").text == "Tous les documents"

    linked = built.content("design/pay-2/index.html")
    assert "Dépend de" in [dt.text for dt in linked.find_all("dt")]
    assert "Requis par" in [
        dt.text for dt in built.content("design/pay-1/index.html").find_all("dt")
    ]

    table, count, empty = built.page("report/index.html").find_all(class_="specs-query")
    headings = [th.text for th in table.find("thead").find_all("th")]
    assert headings == ["Document", "Statut", "Responsables", "Valide"]
    assert {td.text for td in table.find("tbody").find_all("td")}.intersection({"oui", "non"})
    assert count.text == "0 document"  # French counts 0 in the singular
    assert empty.text == "Aucun document ne correspond à cette requête."


def test_the_locale_of_a_built_in_theme_chooses_the_labels(site, logs):
    site.config(theme={"name": "mkdocs", "locale": "de"})
    site.doc("design/pay-1.md", design("PAY-1"))
    built = site.build(strict=True)
    home = built.content("specs-index/index.html")
    assert home.find(class_="specs-summary").text.startswith("1 Dokument.")
    assert texts(built, "specs-index/index.html", "h2")[-1] == "Alle Dokumente"


def test_regional_variants_take_their_language(site, logs):
    site.config(theme={"name": "material", "language": "pt-BR"})
    site.doc("design/pay-1.md", design("PAY-1"))
    built = site.build(strict=True)
    assert built.page("specs-index/index.html").find("title").text.startswith("Especificações")


def test_a_language_without_labels_is_english_and_says_so(site, logs):
    site.config(theme={"name": "material", "language": "ko"})
    site.doc("design/pay-1.md", design("PAY-1"))
    built = site.build(strict=True)
    logs.expect("no labels in the language 'ko'", "labels ship in en, de, es, fr")
    assert texts(built, "specs-index/index.html", "h2")[-1] == "All documents"


def test_the_labels_option_overrides_any_label_and_the_log_stays_english(site, logs):
    site.config(theme={"name": "material", "language": "fr"})
    site.plugin(
        labels={"all_documents": "Toutes les specs", "documents": {"other": "{count} specs"}},
        title="Portail",
    )
    site.doc("design/pay-1.md", design("PAY-1"))
    site.doc("design/pay-2.md", design("PAY-2").replace("owners: [bob]\n", ""))
    built = site.build()
    logs.expect("design/pay-2.md", "missing required field 'owners'")
    home = built.content("specs-index/index.html")
    assert texts(built, "specs-index/index.html", "h2")[-1] == "Toutes les specs"
    assert home.find(class_="specs-summary").text.startswith("2 specs, dont 1 invalide.")
    assert built.page("specs-index/index.html").find("title").text.startswith("Portail")


def test_an_unknown_label_stops_the_build_naming_the_valid_ones(site):
    site.plugin(labels={"unowned": "Nobody"})
    site.doc("design/pay-1.md", design("PAY-1"))
    result = site.run("build")
    assert result.returncode == 1
    assert "specs: labels: unknown label 'unowned'; expected one of: home_title," in result.stderr
    assert "no_value.owner" in result.stderr
    assert "Traceback" not in result.stderr


def test_index_writes_the_pages_in_the_theme_language_or_the_one_asked(site, cli):
    site.config(theme={"name": "material", "language": "es"})
    site.doc("design/pay-1.md", design("PAY-1"))
    assert cli("index", "--out", "out").exit_code == 0
    home = (site.root / "out" / "index.md").read_text(encoding="utf-8")
    assert "## Todos los documentos" in home
    # No progress column: no document has a checklist.
    assert "| Documento | ID | Tipo | Estado | Responsables | Actualizado |\n" in home
    assert "**1** documento." in home
    assert cli("index", "--out", "out", "--language", "ja").exit_code == 0
    home = (site.root / "out" / "index.md").read_text(encoding="utf-8")
    assert "## すべてのドキュメント" in home
    assert "**1** 件のドキュメント。" in home
    group = (site.root / "out" / "status" / "draft.md").read_text(encoding="utf-8")
    assert group.splitlines()[2] == "# ステータス\N{FULLWIDTH COLON}Draft"


def test_index_says_when_the_language_has_no_labels(site, cli):
    site.doc("design/pay-1.md", design("PAY-1"))
    result = cli("index", "--out", "out", "--language", "ko")
    assert result.exit_code == 0
    assert "no labels in the language 'ko'" in result.stderr
    assert "## All documents" in (site.root / "out" / "index.md").read_text(encoding="utf-8")


def test_each_language_of_an_i18n_site_has_its_own_labels(site, logs):
    """mkdocs-static-i18n builds the site once per language, setting the theme's language for
    each build after the other plugins' on_config: the labels follow it."""
    translated(site, "suffix")
    built = site.build()
    assert texts(built, "specs-index/index.html", "h2")[-1] == "All documents"
    assert texts(built, "fr/specs-index/index.html", "h2")[-1] == "Tous les documents"
    card = built.content("fr/specs/001-checkout/index.html")
    assert "Responsables" in [dt.text for dt in card.find_all("dt")]
