/**
 * Pseudo-word vocabularies for synthetic titles: every word is unique across the whole world,
 * so two categories (and their brands) never share a title word.
 */
import type { Rng } from '../../rng';

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'dr', 'gl', 'kr', 'pl', 'st', 'tr', 'sh', 'ch', 'th'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea', 'io'];
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 'x', 'm', 'k'];

/** Draws unique pseudo-words (2–3 syllables, lower case). */
export class WordMint {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}

  next(): string {
    for (;;) {
      const syllables = 2 + (this.rng.nextFloat() < 0.35 ? 1 : 0);
      let w = '';
      for (let s = 0; s < syllables; s++) {
        w += ONSETS[this.rng.nextInt(ONSETS.length)] + VOWELS[this.rng.nextInt(VOWELS.length)];
      }
      w += CODAS[this.rng.nextInt(CODAS.length)];
      if (!this.used.has(w)) {
        this.used.add(w);
        return w;
      }
    }
  }

  take(n: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.next());
    return out;
  }
}

export function capitalise(w: string): string {
  return w.length ? w[0].toUpperCase() + w.slice(1) : w;
}

/** The lower-case words of a title (what the "no shared title word" contract compares). */
export function titleWords(title: string): string[] {
  return title.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}
