"""Errors name the place and the expectation, in French or English."""

from aipd.errors import InputError, PluginError, Problem, TemplateError
from aipd.i18n import t


def test_input_error_lists_every_problem_with_location() -> None:
    """All problems of a file are printed, each with file:line:column and path."""
    err = InputError(
        [
            Problem(
                path="$.scale.persons",
                message=t("nombre attendu", "number expected"),
                source="a.yaml",
                line=3,
                column=12,
            ),
            Problem(path="$.id", message=t("obligatoire", "required")),
        ]
    )
    fr = err.format("fr")
    assert "2 problèmes" in fr
    assert "a.yaml:3:12: $.scale.persons: nombre attendu" in fr
    assert "$.id: obligatoire" in fr
    assert "number expected" in err.format("en")
    assert str(err) == fr


def test_plugin_error_names_plugin_and_version() -> None:
    """A plug-in fault names the plug-in and its version."""
    err = PluginError("acme", "1.2.0", t("a levé ValueError", "raised ValueError"))
    assert "acme 1.2.0" in str(err)
    assert err.format("en").startswith("Plug-in")


def test_template_error_names_template_and_line() -> None:
    """A template fault names the template and the line."""
    assert TemplateError("fr/synthese.md.j2", 4, t("variable inconnue", "unknown variable")).format("fr") == (
        "fr/synthese.md.j2:4: variable inconnue"
    )


def test_errors_cross_a_process_boundary() -> None:
    """Each error aipd raises survives pickling whole, as it must from a triage worker process."""
    import pickle

    errors = [
        InputError([Problem("$.name", t("manque", "missing"), source="a.yaml", line=2, column=3)]),
        PluginError("evil", "6.6", t("en panne", "broken")),
        TemplateError("fr/synthese.md.j2", 4, t("fautif", "faulty")),
    ]
    for error in errors:
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error)
        assert back.format("en") == error.format("en")
        assert back.format("fr") == error.format("fr")
