import { type PointerEvent as ReactPointerEvent } from 'react';

/**
 * Drag by pointer (finger or mouse) from an element onto one marked `data-drop`; the tap
 * controls stay the way that always works. Returns the drop target's `data-drop` value.
 */
export function startDrag(event: ReactPointerEvent<HTMLElement>, onDrop: (dropValue: string) => void) {
  if (event.button !== 0) return;
  const source = event.currentTarget;
  const ghost = source.cloneNode(true) as HTMLElement;
  ghost.classList.add('drag-ghost');
  ghost.setAttribute('aria-hidden', 'true');
  const move = (x: number, y: number) => {
    ghost.style.setProperty('--x', `${x}px`);
    ghost.style.setProperty('--y', `${y}px`);
  };
  let dragging = false;
  const startX = event.clientX;
  const startY = event.clientY;
  const onMove = (e: PointerEvent) => {
    if (!dragging && Math.hypot(e.clientX - startX, e.clientY - startY) > 8) {
      dragging = true;
      document.body.appendChild(ghost);
    }
    if (dragging) move(e.clientX, e.clientY);
  };
  const onUp = (e: PointerEvent) => {
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    if (!dragging) return;
    ghost.remove();
    const target = document.elementFromPoint(e.clientX, e.clientY)?.closest<HTMLElement>('[data-drop]');
    if (target?.dataset.drop) onDrop(target.dataset.drop);
  };
  window.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', onUp);
}

/** Checks the form control `name=value` inside the form, as a tap on it would. */
export function checkControl(form: HTMLFormElement | null, name: string, value: string, checked = true) {
  const control = form?.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"][value="${CSS.escape(value)}"]`);
  if (control) {
    control.checked = checked;
    control.dispatchEvent(new Event('change', { bubbles: true }));
  }
}
