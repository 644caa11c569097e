import { downloadBlob } from '../../../ui/download';

/** Copies text: the async Clipboard API, else a hidden textarea and execCommand (older Electron, no permission). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** Saves text as a file from the page. */
export function downloadText(text: string, name: string): void {
  downloadBlob(text, name, 'text/plain;charset=utf-8');
}
