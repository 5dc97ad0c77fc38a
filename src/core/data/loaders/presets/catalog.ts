import type { PresetId } from '../spec-schema';

/** One kind of file a preset reads. `patterns` are case-insensitive file-name globs ('*' only). */
export interface PresetFileRole {
  role: string;
  patterns: string[];
  required: boolean;
  /** More than one file may take this role (e.g. RetailRocket's two item_properties parts). */
  multiple?: boolean;
  description: string;
}

/** What the UI shows for a preset; plain data, so it can cross a worker boundary. */
export interface PresetInfo {
  id: PresetId;
  title: string;
  description: string;
  files: PresetFileRole[];
  source: string;
  licence: string;
  /** Path of a bundled copy in this repository, when there is one. */
  bundled?: string;
}

export const PRESETS: readonly PresetInfo[] = [
  {
    id: 'online-retail',
    title: 'UCI Online Retail',
    description:
      'Invoice lines of a UK gift-ware retailer, 2010-12 to 2011-12 (541,909 lines). InvoiceNo = basket, Quantity = value, "C" invoices and negative quantities = cancel, Description = item title, median positive UnitPrice = item price. Rows without CustomerID stay as guest events (option guests).',
    files: [
      {
        role: 'lines',
        patterns: ['*.parquet', '*.csv', '*.csv.gz'],
        required: true,
        description: 'online_retail.parquet (as bundled) or a CSV with the same columns: InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country',
      },
    ],
    source: 'UCI Machine Learning Repository, dataset 352 (Chen, Sain & Guo 2012)',
    licence: 'CC BY 4.0',
    bundled: 'datasets/online-retail/online_retail.parquet',
  },
  {
    id: 'otto',
    title: 'OTTO sessions (JSON lines)',
    description: 'OTTO webshop sessions: one JSON object per line {session, events: [{aid, ts, type}]}; clicks → click, carts → cart, orders → purchase. The session is both shopper and basket.',
    files: [{ role: 'sessions', patterns: ['*.jsonl', '*.jsonl.gz', '*.json', '*.ndjson'], required: true, multiple: true, description: 'train.jsonl / test.jsonl' }],
    source: 'otto-de/recsys-dataset (Kaggle: otto/recsys-dataset)',
    licence: 'CC BY 4.0',
  },
  {
    id: 'movielens',
    title: 'MovieLens ratings',
    description: 'ratings.csv + movies.csv (ml-latest / ml-25m style) or u.data + u.item (ml-100k, "|"-separated, latin1). Action rating, value = the rating, first genre = category.',
    files: [
      { role: 'ratings', patterns: ['ratings.csv', '*ratings*.csv', 'u.data', '*.data'], required: true, description: 'ratings.csv (userId,movieId,rating,timestamp) or u.data (user, item, rating, timestamp; tab-separated, no header)' },
      { role: 'movies', patterns: ['movies.csv', '*movies*.csv', 'u.item', '*.item'], required: false, description: 'movies.csv (movieId,title,genres) or u.item (id|title|release date|video release|IMDb URL|19 genre flags)' },
    ],
    source: 'GroupLens Research, grouplens.org/datasets/movielens (Harper & Konstan 2015)',
    licence: 'GroupLens usage licence (research; no redistribution)',
  },
  {
    id: 'amazon-llmrank',
    title: 'Amazon reviews, LLMRank / RecBole files',
    description: 'Sequences of reviewed items per user (.inter files: user, space-separated history, target) and item titles (.item). No timestamps: the order is turned into synthetic daily steps, right-aligned so every test target falls on the same last step (fields.realTime = false).',
    files: [
      { role: 'items', patterns: ['*.item'], required: false, description: 'Games-6k.item (item_id, title)' },
      { role: 'sequences', patterns: ['*.inter'], required: true, multiple: true, description: 'Games-6k.test.inter (full sequences) and/or .valid.inter / .train.inter' },
    ],
    source: 'Amazon Review Data 2018 (Ni, Li & McAuley 2019) as processed by LLMRank (Hou et al. 2024)',
    licence: 'research use only (no formal licence); cite Ni et al. 2019',
  },
  {
    id: 'retailrocket',
    title: 'RetailRocket events',
    description: 'events.csv (timestamp,visitorid,event,itemid,transactionid): view → view, addtocart → cart, transaction → purchase, transactionid = basket. Optional item_properties*.csv: the latest categoryid of each item becomes its category.',
    files: [
      { role: 'events', patterns: ['events.csv', '*events*.csv'], required: true, description: 'events.csv' },
      { role: 'properties', patterns: ['item_properties*.csv'], required: false, multiple: true, description: 'item_properties_part1.csv, item_properties_part2.csv (timestamp,itemid,property,value)' },
    ],
    source: 'RetailRocket, Kaggle retailrocket/ecommerce-dataset',
    licence: 'CC BY-NC-SA 4.0',
  },
  {
    id: 'diginetica',
    title: 'Diginetica (CIKM Cup 2016) item views',
    description: 'train-item-views.csv (sessionId;userId;itemId;timeframe;eventdate, ";"-separated) → views; time = eventdate + timeframe ms; the session is the basket, userId the shopper (anonymous sessions: the session, see option anonymousSessions). Optional product-categories.csv (itemId;categoryId).',
    files: [
      { role: 'views', patterns: ['train-item-views.csv', '*item-views*.csv'], required: true, description: 'train-item-views.csv' },
      { role: 'categories', patterns: ['product-categories.csv', '*categories*.csv'], required: false, description: 'product-categories.csv (itemId;categoryId)' },
    ],
    source: 'CIKM Cup 2016 Track 2 (DIGINETICA)',
    licence: 'competition data; check the organisers\u2019 terms',
  },
];

export function presetInfo(id: PresetId): PresetInfo {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown preset ${id}`);
  return p;
}
