import { useEffect, useRef } from 'react';
import DOMPurify from 'dompurify';

export interface RichText { html: string; text: string }

/** A small rich-text editor: what it yields is sanitized HTML plus its plain-text rendering. */
export function RichTextEditor({ initial, onChange, label }: { initial: string; onChange: (v: RichText) => void; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.innerHTML = DOMPurify.sanitize(initial);
    // Only the first value: afterwards the editor owns its content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const emit = () => {
    const el = ref.current;
    if (el) onChange({ html: DOMPurify.sanitize(el.innerHTML, { FORBID_TAGS: ['style', 'form', 'input'] }), text: el.innerText });
  };
  const exec = (command: string, value?: string) => {
    ref.current?.focus();
    document.execCommand(command, false, value);
    emit();
  };
  return (
    <div className="editor">
      <div className="editor-toolbar" role="toolbar" aria-label="Formatting">
        <button type="button" onClick={() => exec('bold')}><b>B</b></button>
        <button type="button" onClick={() => exec('italic')}><i>I</i></button>
        <button type="button" onClick={() => exec('insertUnorderedList')}>• List</button>
        <button type="button" onClick={() => {
          const url = prompt('Link address (https://…)');
          if (url && /^https?:\/\//i.test(url)) exec('createLink', url);
        }}>Link</button>
      </div>
      <div ref={ref} className="editor-body" contentEditable role="textbox" aria-multiline="true" aria-label={label} onInput={emit} suppressContentEditableWarning />
    </div>
  );
}
