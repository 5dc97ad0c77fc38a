import { ACTION_CODE, DEVICE_CODE, NO_BASKET } from '../../types';
import { DatasetAssembler, noFields } from '../assembler';
import { resolveColumns } from '../columns';
import type { LoadContext } from '../context';
import { readDelimited } from '../delimited-reader';
import { baseName } from '../input';
import type { InputFile } from '../input';
import type { LoaderOutput } from '../loader-output';
import { KeyIndex, cellNumber, idText, isBlank } from '../loader-output';
import { exampleValue } from '../report';
import type { PresetOptions } from '../spec-schema';
import { openText } from '../text-source';
import { parseTimestamp } from '../timestamp';

/** The 19 genre flags of ml-100k's u.item, in file order (as listed in u.genre). */
export const ML100K_GENRES = [
  'unknown', 'Action', 'Adventure', 'Animation', "Children's", 'Comedy', 'Crime', 'Documentary', 'Drama', 'Fantasy',
  'Film-Noir', 'Horror', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War', 'Western',
] as const;

const U_DATA_COLUMNS = ['user id', 'item id', 'rating', 'timestamp'];
const U_ITEM_COLUMNS = ['movie id', 'movie title', 'release date', 'video release date', 'IMDb URL', ...ML100K_GENRES];

const isOldFormat = (f: InputFile): boolean => !baseName(f.name).endsWith('.csv');

/**
 * MovieLens: ratings.csv + movies.csv, or u.data + u.item (ml-100k: tab / '|', no header,
 * latin1). Movies are read first, so every listed movie is an item even without ratings. A
 * rating of a movie missing from the movie list is kept with an empty title ('warning'
 * 'unknown-item'); option unknownItems = 'drop' rejects it instead.
 */
export async function loadMovieLens(ratings: InputFile, movies: InputFile | undefined, options: PresetOptions, ctx: LoadContext): Promise<LoaderOutput | null> {
  const report = ctx.report;
  const asm = new DatasetAssembler(4096);
  const unknownPolicy = options.unknownItems ?? 'keep';
  let haveMovies = false;
  if (movies) haveMovies = await readMovies(movies, asm, ctx);

  const old = isOldFormat(ratings);
  const text = await openText(ratings, old ? 'tsv' : 'csv', ctx);
  if (text === null) return null;
  const file = ratings.name;
  const shopperOf = new KeyIndex((id) => asm.shoppers.intern(id));
  const wanted = old
    ? { user: { name: 'user id', required: true }, item: { name: 'item id', required: true }, rating: { name: 'rating', required: true }, time: { name: 'timestamp', required: true } }
    : { user: { name: 'userId', required: true }, item: { name: 'movieId', required: true }, rating: { name: 'rating', required: true }, time: { name: 'timestamp', required: true } };
  let c: Record<'user' | 'item' | 'rating' | 'time', number> | null = null;
  const itemCache = new Map<string, number>();
  await readDelimited(text, file, old ? { delimiter: '\t', quoted: false, columnNames: U_DATA_COLUMNS, countRows: true } : { quoted: true, countRows: true }, ctx, {
    header: (cols) => (c = resolveColumns(cols, wanted, file, report)) !== null,
    row: (f, at) => {
      const x = c as Record<'user' | 'item' | 'rating' | 'time', number>;
      const userBlank = isBlank(f[x.user]);
      const itemId = idText(f[x.item]);
      if (userBlank || itemId === '') {
        report.add('rejected', 'missing-value', 'Ratings with an empty user or movie id were skipped.', { file, line: at.line(), column: userBlank ? wanted.user.name : wanted.item.name, value: '' }, 1, 'ids');
        return false;
      }
      const rating = cellNumber(f[x.rating]);
      if (!(rating >= 0 && rating <= 10)) {
        report.add('rejected', 'bad-number', 'Ratings whose rating is not a number from 0 to 10 were skipped.', report.wantsExample('bad-number', 'rejected') ? { file, line: at.line(), column: wanted.rating.name, value: exampleValue(f[x.rating]) } : undefined);
        return false;
      }
      const t = parseTimestamp(f[x.time], 'unix-s');
      if (Number.isNaN(t)) {
        report.add('rejected', 'bad-timestamp', 'Ratings with a timestamp that is not unix seconds were skipped.', report.wantsExample('bad-timestamp', 'rejected') ? { file, line: at.line(), column: wanted.time.name, value: exampleValue(f[x.time]) } : undefined);
        return false;
      }
      // Cached per movie id: index when listed (or no list given); -1 dropped; -2 - index kept although unlisted.
      let entry = itemCache.get(itemId);
      if (entry === undefined) {
        const listed = asm.items.get(itemId);
        if (listed >= 0 || !haveMovies) entry = listed >= 0 ? listed : asm.item(itemId);
        else entry = unknownPolicy === 'drop' ? -1 : -2 - asm.item(itemId);
        itemCache.set(itemId, entry);
      }
      let item = entry;
      if (entry < 0) {
        const severity = entry === -1 ? 'rejected' : 'warning';
        const message =
          entry === -1
            ? `Ratings of movies missing from ${movies?.name ?? 'the movie list'} were dropped (option unknownItems = "drop").`
            : `Ratings of movies missing from ${movies?.name ?? 'the movie list'} were kept; those movies have no title or genre (option unknownItems = "drop" removes them).`;
        report.add(severity, 'unknown-item', message, report.wantsExample('unknown-item', severity) ? { file, line: at.line(), column: wanted.item.name, value: itemId } : undefined);
        if (entry === -1) return false;
        item = -2 - entry;
      }
      const shopper = shopperOf.index(f[x.user]);
      asm.events.push(shopper, item, ACTION_CODE.rating, t, DEVICE_CODE.unknown, NaN, NO_BASKET, rating);
      return true;
    },
  });
  if (c === null) return null;
  return {
    assembler: asm,
    fields: { ...noFields(), value: true, title: haveMovies, category: haveMovies },
    meta: {
      source: 'MovieLens, GroupLens Research (Harper & Konstan 2015)',
      licence: 'GroupLens usage licence (research use; no redistribution)',
      value: 'rating',
      category: 'first listed genre',
      'options.unknownItems': unknownPolicy,
    },
  };
}

/** Reads movies.csv (movieId,title,genres) or u.item into the item table; true when it worked. */
async function readMovies(movies: InputFile, asm: DatasetAssembler, ctx: LoadContext): Promise<boolean> {
  const report = ctx.report;
  const old = isOldFormat(movies);
  const text = await openText(movies, 'delimited', ctx, old ? 'latin1' : 'utf-8');
  if (text === null) return false;
  const file = movies.name;
  let ok = false;
  if (old) {
    await readDelimited(text, file, { delimiter: '|', quoted: false, columnNames: U_ITEM_COLUMNS, countRows: false }, ctx, {
      header: () => (ok = true),
      row: (f) => {
        const id = idText(f[0]);
        if (id === '') return false;
        const i = asm.item(id);
        asm.setTitle(i, f[1].trim());
        const g = ML100K_GENRES.findIndex((_name, k) => f[5 + k] === '1');
        if (g >= 0) asm.setCategory(i, ML100K_GENRES[g]);
        return true;
      },
    });
    return ok;
  }
  let c: Record<'id' | 'title' | 'genres', number> | null = null;
  await readDelimited(text, file, { quoted: true, countRows: false }, ctx, {
    header: (cols) => (c = resolveColumns(cols, { id: { name: 'movieId', required: true }, title: { name: 'title', required: true }, genres: { name: 'genres', required: false } }, file, report)) !== null,
    row: (f, at) => {
      const x = c as Record<'id' | 'title' | 'genres', number>;
      const id = idText(f[x.id]);
      if (id === '') {
        report.add('warning', 'missing-value', `Rows of ${file} with an empty movieId were skipped.`, { file, line: at.line(), column: 'movieId', value: '' }, 1, file);
        return false;
      }
      const i = asm.item(id);
      asm.setTitle(i, f[x.title].trim());
      if (x.genres >= 0) {
        const first = f[x.genres].split('|')[0].trim();
        if (first !== '(no genres listed)') asm.setCategory(i, first);
      }
      return true;
    },
  });
  return c !== null;
}
