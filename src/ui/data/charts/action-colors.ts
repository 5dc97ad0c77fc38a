/** One colour per action kind, the same in every chart. */
const COLORS: Record<string, string> = {
  view: '#2f6fde',
  click: '#5aa0f0',
  cart: '#d08a1b',
  purchase: '#1aa187',
  zoom: '#8e7cc3',
  'click-through': '#6a5acd',
  rating: '#b6457a',
  cancel: '#d0453b',
  other: '#8a94a3',
};

export function actionColor(kind: string): string {
  return COLORS[kind] ?? '#8a94a3';
}
