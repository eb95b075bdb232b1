"""Studio (trainers): write a module, see it as learners will, save, look back, restore."""

import streamlit as st

from modules import authoring, gift, session, settings, views
from modules.content import ContentError
from modules.content.parser import parse_module

db, user = session.require("studio")
folder = settings.content_folder()

st.title("Studio")
left, middle = st.columns([1, 3])
lang = left.selectbox("Language", ["en", "fr"], format_func={"en": "English", "fr": "French"}.get)
NEW = "+ New module"
choice = middle.selectbox("Module file", [NEW, *authoring.files(folder, lang)],
                          help="Files starting with _ are drafts: learners never see them.")
if choice == NEW:
    name = middle.text_input("File name for the new module", placeholder="04-handling-complaints.md",
                             help="A two-digit number sets its place in the catalog; then lower-case words with dashes.")
    original = authoring.TEMPLATE
else:
    name = choice
    original = (folder / lang / choice).read_text(encoding="utf-8")

editor_key = f"editor:{lang}:{choice}"
edit_col, preview_col = st.columns(2, gap="large")
with edit_col:
    text = st.text_area("Markdown", original, height=640, key=editor_key,
                        help="The preview and the problems update when you click outside the box or press Ctrl+Enter.")
    module, problems = authoring.check(folder, lang, name or "new.md", text)
    if problems:
        st.error("Problems (the module can be saved as a draft only):")
        st.code("\n".join(f"line {p.line}: {p.message}" for p in problems), language=None)
    else:
        st.success("No problem: saving publishes it to learners.")
    if st.button("Save", type="primary", icon=":material/save:", disabled=not name):
        try:
            result = authoring.save(db, folder, lang, name, text, user["username"])
        except ValueError as error:
            st.error(str(error))
        else:
            where = result.path.relative_to(folder).as_posix()
            if result.draft:
                st.warning(f"Saved as a draft ({where}); learners still see the published version, if any.")
            else:
                st.success(f"Published: {where}. Learners see it on their next click.")
    upload = st.file_uploader("Add an image beside the module", type=sorted(t.lstrip(".") for t in authoring.IMAGE_TYPES))
    if upload is not None:
        try:
            st.code(authoring.save_image(folder, lang, upload.name, upload.getvalue()), language="markdown")
            st.caption("Paste this line where the image should appear.")
        except ValueError as error:
            st.error(str(error))

    with st.expander("Import questions from Moodle GIFT"):
        pasted = st.text_area("GIFT text", height=160, key="gift-text",
                              placeholder="::Peak-end::What do customers remember most? {=The peak and the end ~Everything}")
        gift_file = st.file_uploader("…or a GIFT file", type=["gift", "txt"], key="gift-file")
        source = gift_file.getvalue().decode("utf-8", "replace") if gift_file is not None else pasted
        if source.strip():
            converted = gift.parse(source)
            for line, message in converted.problems:
                st.warning(f"GIFT line {line}: {message} — not imported.")
            if converted.questions:
                markdown = gift.to_markdown(converted.questions)
                st.caption(f"{len(converted.questions)} question(s) converted. Check them here before adding them:")
                st.code(markdown, language="markdown")
                try:
                    sample = parse_module(f"---\ntitle: Import\nsummary: -\n---\n## Quiz\n\n{markdown}".encode(),
                                          folder / lang / "import.md")
                    for number, item in enumerate(sample.questions, 1):
                        views.question(sample, item, number, f"gift:{item.id}:{number}", list(range(len(item.options))),
                                       disabled=True)
                except ContentError as error:
                    st.error("The converted questions do not pass the checker: " + "; ".join(p.message for p in error.problems))

                def add_questions(markdown: str = markdown) -> None:
                    st.session_state[editor_key] = gift.add_to_quiz(st.session_state[editor_key], markdown)

                st.button(f"Add {len(converted.questions)} question(s) to the quiz in the editor", on_click=add_questions,
                          icon=":material/playlist_add:")

with preview_col:
    st.caption("Preview, as learners will see it")
    with st.container(border=True, height=640):
        if module is not None:
            views.preview(module, f"preview:{editor_key}")
        else:
            try:  # show what can be shown even when the catalog checks fail
                views.preview(parse_module(text.encode("utf-8"), folder / lang / (name or "new.md")), f"preview:{editor_key}")
            except Exception:
                st.info("The preview appears when the file has no problem left.")

if choice != NEW:
    with st.expander("History of this module"):
        versions = authoring.history(db, folder, lang, choice)
        if not versions:
            st.caption("No saved version yet.")
        for version in versions:
            line, button = st.columns([4, 1])
            line.markdown(f"**#{version['id']}** · {version['saved_at']} UTC · {version['saved_by']} · {version['note']}"
                          f" · `{version['path']}`")
            if button.button("Restore", key=f"restore-{version['id']}"):
                result = authoring.restore(db, folder, lang, choice, version, user["username"])
                st.session_state.pop(editor_key, None)
                st.toast(f"Restored version {version['id']}" + (" as a draft" if result.draft else ""))
                st.rerun()
