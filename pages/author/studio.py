"""Studio (trainers): write a module, see it as learners will, save, look back, restore."""

import streamlit as st

from modules import i18n, settings
from modules.authoring import gift, studio
from modules.content import quality, rubric
from modules.richtext import plain
from modules.store.versions import Version
from modules.ui import session, widgets

db, user = session.require("studio")
_ = session.translator()
ngettext = session.plural_translator()
folder = settings.content_folder()
SAVED, RESTORED, FILE = "studio-saved", "studio-restored", "studio-file"

st.title(_("Studio"))
left, middle = st.columns([1, 3])
lang = left.selectbox(_("Content language"), list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get)
NEW = _("+ New module")
choice = middle.selectbox(
    _("Module file"),
    [NEW, *studio.files(folder, lang)],
    key=FILE,
    help=_("Files starting with _ are drafts: learners never see them."),
)
if choice == NEW:
    name = middle.text_input(
        _("File name for the new module"),
        placeholder=_("04-handling-complaints.md"),
        help=_("A two-digit number sets its place in the catalog; then lower-case words with dashes."),
    )
else:
    name = choice
original = studio.text_of(folder, lang, None if choice == NEW else choice)

editor_key = f"editor:{lang}:{choice}"
if RESTORED in st.session_state:
    number, as_draft = st.session_state.pop(RESTORED)
    st.toast(
        (_("Restored version {number} as a draft") if as_draft else _("Restored version {number}")).format(
            number=number
        )
    )


def restore(version: Version) -> None:
    """Before the next run draws anything: the restored file is the one shown, and its editor holds the restored
    text (the browser would otherwise send the later text back, and the next Save would write it again)."""
    result = studio.restore(session.database(), folder, lang, choice, version, user["username"])
    st.session_state[FILE] = result.path.name
    st.session_state[f"editor:{lang}:{result.path.name}"] = version["text"]
    st.session_state[RESTORED] = (version["id"], result.draft)


edit_col, preview_col = st.columns(2, gap="large")
with edit_col:
    text = st.text_area(
        _("Markdown"),
        original,
        height=640,
        key=editor_key,
        help=_("The preview and the problems update when you click outside the box or press Ctrl+Enter."),
    )
    module, problems = studio.check(folder, lang, name or "new.md", text)
    if problems:
        st.error(_("Problems (the module can be saved as a draft only):"))
        st.markdown(  # a list that wraps on any screen (a code block cut the hints off)
            "\n".join(
                "- " + _("line {line}: {message}").format(line=p.line, message=plain(p.message)) for p in problems
            )
        )
    else:
        st.success(_("No problem: saving publishes it to learners."))
    if module is not None and (hints := quality.warnings(module)):
        st.warning(
            _("Quiz quality: a learner who never reads could be helped by these patterns (you may still publish):")
        )
        st.markdown(
            "\n".join(
                "- "
                + _("line {line}: {message}").format(line=w.line, message=plain(w.message))
                + f" — *{plain(w.hint)}*"
                for w in hints
            )
        )
    if st.button(_("Save"), type="primary", icon=":material/save:", disabled=not name):
        try:
            result = studio.save(db, folder, lang, name, text, user["username"])
        except ValueError as error:
            st.error(str(error))
        else:  # again from the top, so the file list shows what was just saved (a new draft included)
            st.session_state[SAVED] = (result.draft, result.path.relative_to(folder).as_posix())
            st.rerun()
    if SAVED in st.session_state:
        draft, where = st.session_state.pop(SAVED)
        if draft:
            st.warning(
                _("Saved as a draft ({path}); learners still see the published version, if any.").format(path=where)
            )
        else:
            st.success(_("Published: {path}. Learners see it on their next click.").format(path=where))
    upload = st.file_uploader(
        _("Add an image beside the module"), type=sorted(t.lstrip(".") for t in studio.IMAGE_TYPES)
    )
    if upload is not None:
        try:
            st.code(studio.save_image(folder, lang, upload.name, upload.getvalue()), language="markdown")
            st.caption(_("Paste this line where the image should appear."))
        except ValueError as error:
            st.error(str(error))

    with st.expander(_("Import questions from Moodle GIFT")):
        pasted = st.text_area(
            _("GIFT text"),
            height=160,
            key="gift-text",
            placeholder=_("::Peak-end::What do customers remember most? {=The peak and the end ~Everything}"),
        )
        gift_file = st.file_uploader(_("…or a GIFT file"), type=["gift", "txt"], key="gift-file")
        source = gift_file.getvalue().decode("utf-8", "replace") if gift_file is not None else pasted
        if source.strip():
            converted = gift.parse(source)
            for line, message in converted.problems:
                st.warning(_("GIFT line {line}: {message} — not imported.").format(line=line, message=message))
            for line, message in converted.notes:
                st.info(_("GIFT line {line}: {message}.").format(line=line, message=message))
            if converted.questions:
                markdown = gift.to_markdown(converted.questions)
                st.caption(
                    ngettext(
                        "{count} question converted. Check it here before adding it:",
                        "{count} questions converted. Check them here before adding them:",
                        len(converted.questions),
                    ).format(count=len(converted.questions))
                )
                st.code(markdown, language="markdown")
                sample, refused = gift.preview_module(markdown, folder / lang)
                for number, item in enumerate(sample.questions if sample else [], 1):
                    widgets.question(
                        sample,
                        item,
                        number,
                        f"gift:{item.id}:{number}",
                        list(range(len(item.options))),
                        disabled=True,
                        _=_,
                    )
                if refused:
                    st.error(
                        _("The converted questions do not pass the checker: {problems}").format(
                            problems="; ".join(p.message for p in refused)
                        )
                    )

                def add_questions(markdown: str = markdown) -> None:
                    st.session_state[editor_key] = gift.add_to_quiz(st.session_state[editor_key], markdown)

                st.button(
                    ngettext(
                        "Add {count} question to the quiz in the editor",
                        "Add {count} questions to the quiz in the editor",
                        len(converted.questions),
                    ).format(count=len(converted.questions)),
                    on_click=add_questions,
                    icon=":material/playlist_add:",
                )

with preview_col:
    st.caption(_("Preview, as learners will see it"))
    with st.container(border=True, height=640):
        if module is not None:
            widgets.preview(module, f"preview:{editor_key}", lang, rubric.names(folder, lang))
        elif (alone := studio.preview(folder, lang, name or "new.md", text)) is not None:
            st.caption(_("Partial preview: what has a problem (listed on the left) is left out until it is fixed."))
            widgets.preview(alone, f"preview:{editor_key}", lang, rubric.names(folder, lang))
        else:
            st.info(_("The preview appears when the file has no problem left."))

if choice != NEW:
    with st.expander(_("History of this module")):
        versions = studio.history(db, folder, lang, choice)
        if not versions:
            st.caption(_("No saved version yet."))
        for version in versions:
            line, button = st.columns([4, 1])
            line.markdown(
                _("**#{number}** · {when} · {author} · {note} · `{path}`").format(
                    number=version["id"],
                    when=session.moment(version["saved_at"]),
                    author=version["saved_by"],
                    note=version["note"],
                    path=version["path"],
                )
            )
            button.button(_("Restore"), key=f"restore-{version['id']}", on_click=restore, args=(version,))
