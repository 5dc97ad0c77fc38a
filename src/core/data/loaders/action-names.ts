import { ACTION_CODE, ACTION_KINDS, DEVICE_CODE } from '../types';
import type { ActionKind } from '../types';

/** Common raw action names of public datasets, lower-cased, mapped to ActionKind. */
const ACTION_SYNONYMS: Readonly<Record<string, ActionKind>> = {
  view: 'view', views: 'view', pageview: 'view', page_view: 'view', 'page-view': 'view', detail: 'view', impression: 'view',
  click: 'click', clicks: 'click',
  cart: 'cart', carts: 'cart', addtocart: 'cart', add_to_cart: 'cart', 'add-to-cart': 'cart', basket: 'cart',
  purchase: 'purchase', purchases: 'purchase', order: 'purchase', orders: 'purchase', buy: 'purchase', transaction: 'purchase', checkout: 'purchase',
  zoom: 'zoom',
  'click-through': 'click-through', clickthrough: 'click-through', click_through: 'click-through',
  rating: 'rating', rate: 'rating', review: 'rating',
  cancel: 'cancel', cancellation: 'cancel', return: 'cancel', refund: 'cancel',
  other: 'other',
};

const ACTION_SET = new Set<string>(ACTION_KINDS);

/**
 * Maps raw action strings to action codes: the user's mapping first (exact string), then the
 * kind names themselves and well-known synonyms (case-insensitive). -1 when unknown.
 * Results are cached per distinct raw string, so the hot path is one Map lookup.
 */
export class ActionMapper {
  private readonly cache = new Map<string, number>();
  constructor(private readonly user: Readonly<Record<string, ActionKind>> = {}) {}

  code(raw: string): number {
    let c = this.cache.get(raw);
    if (c === undefined) {
      const own = Object.hasOwn(this.user, raw) ? this.user[raw] : undefined;
      const l = raw.trim().toLowerCase();
      const kind = own ?? (ACTION_SET.has(l) ? (l as ActionKind) : Object.hasOwn(ACTION_SYNONYMS, l) ? ACTION_SYNONYMS[l] : undefined);
      c = kind === undefined ? -1 : ACTION_CODE[kind];
      this.cache.set(raw, c);
    }
    return c;
  }
}

const DEVICE_SYNONYMS: Readonly<Record<string, number>> = {
  '': DEVICE_CODE.unknown, unknown: DEVICE_CODE.unknown, na: DEVICE_CODE.unknown, null: DEVICE_CODE.unknown,
  app: DEVICE_CODE.app, ios: DEVICE_CODE.app, android: DEVICE_CODE.app, 'mobile-app': DEVICE_CODE.app, mobile_app: DEVICE_CODE.app,
  web: DEVICE_CODE.web, desktop: DEVICE_CODE.web, pc: DEVICE_CODE.web, 'desktop-web': DEVICE_CODE.web,
  'mobile-web': DEVICE_CODE['mobile-web'], mobile_web: DEVICE_CODE['mobile-web'], mobile: DEVICE_CODE['mobile-web'], mweb: DEVICE_CODE['mobile-web'],
};

/** Maps raw device strings to DEVICE_CODE (unknown strings → 'other'), cached per distinct string. */
export class DeviceMapper {
  private readonly cache = new Map<string, number>();
  code(raw: string): number {
    let c = this.cache.get(raw);
    if (c === undefined) {
      const l = raw.trim().toLowerCase();
      c = Object.hasOwn(DEVICE_SYNONYMS, l) ? DEVICE_SYNONYMS[l] : DEVICE_CODE.other;
      this.cache.set(raw, c);
    }
    return c;
  }
}
