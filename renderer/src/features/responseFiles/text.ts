/** Textareas use \n; the seed saves multi-line responses with CRLF (&#x0d;&#x0a;). */
export const toEditorText = (t: string) => t.replace(/\r\n?/g, '\n');
export const fromEditorText = (t: string) => t.replace(/\r\n?/g, '\n').replace(/\n/g, '\r\n');
