/**
 * Names for generated topologies. Real fleets name services after whatever the team liked that
 * week (birds, trees, minerals, myths), so a service's name says nothing about its role; an
 * analyst that leans on `redis` or `postgres` in a name must not be rewarded here. Operation
 * names, on the other hand, do say what a service does, as real routes and SQL verbs do.
 */
import type { Random } from '../random.js';

/**
 * Words no generated name may contain: they name a role or a product that plays one, and would
 * hand an investigation the answer. Tests hold every generated name to this list.
 */
// biome-ignore format: a word list reads best packed
export const ROLE_WORDS = [
  'postgres', 'pg', 'mysql', 'maria', 'mongo', 'redis', 'memcache', 'cache', 'db', 'database',
  'sql', 'queue', 'kafka', 'rabbit', 'sqs', 'nats', 'stream', 'gateway', 'proxy', 'bouncer',
  'nginx', 'envoy', 'api', 'web', 'frontend', 'worker', 'edge', 'auth', 'identity', 'oauth', 'sso',
  'login', 'payment', 'stripe', 'adyen', 'mail', 'smtp', 'sms', 'maps', 'store', 'cart', 'order',
  'checkout', 'search', 'user', 'account', 'notif', 'provider', 'external', 'lb', 'ingress',
] as const;

// biome-ignore format: a word list reads best packed
const WORDS = [
  'tamarind', 'kestrel', 'juniper', 'basalt', 'heron', 'saffron', 'cobalt', 'marigold', 'osprey',
  'quartz', 'larch', 'fennel', 'puffin', 'obsidian', 'alder', 'nutmeg', 'plover', 'garnet',
  'rowan', 'sorrel', 'magpie', 'jasper', 'hazel', 'clove', 'wren', 'onyx', 'willow', 'anise',
  'curlew', 'topaz', 'spruce', 'thyme', 'lapwing', 'agate', 'cedar', 'sage', 'starling', 'beryl',
  'linden', 'mace', 'finch', 'flint', 'maple', 'cumin', 'avocet', 'opal', 'birch', 'dill', 'egret',
  'slate', 'poplar', 'borage', 'gannet', 'mica', 'aspen', 'caraway', 'merlin', 'jade', 'hemlock',
  'lovage', 'siskin', 'pumice', 'yarrow', 'tansy', 'dunlin', 'zircon', 'sequoia', 'chervil',
  'petrel', 'feldspar', 'acacia', 'galangal', 'bittern', 'gneiss', 'cypress', 'sumac', 'sparrow',
  'granite', 'laurel', 'vanilla', 'swift', 'amber', 'elm', 'ginger', 'oriole', 'shale', 'hawthorn',
  'paprika', 'tern', 'marble', 'olive', 'cardamom', 'robin', 'ruby', 'walnut', 'pepper', 'linnet',
  'coral', 'holly', 'sesame', 'pipit', 'fir', 'mustard', 'raven', 'cinnabar', 'ash', 'wasabi',
  'crane', 'talc', 'yew', 'lemongrass', 'ibis', 'umber', 'teak', 'sumatra', 'kiwi', 'orca', 'lynx',
  'otter', 'bison', 'marmot', 'ferret', 'badger', 'stoat', 'vole', 'pika', 'okapi', 'quokka',
  'wombat', 'dingo', 'gecko', 'newt', 'toad', 'skink', 'mamba', 'viper', 'cobra', 'python-tree',
  'nimbus', 'cirrus', 'stratus', 'zephyr', 'mistral', 'sirocco', 'boreas', 'aurora', 'comet',
  'nova', 'pulsar', 'quasar', 'vega', 'rigel', 'altair', 'deneb', 'sirius', 'lyra', 'orion',
  'castor', 'pollux', 'helios', 'selene', 'iris', 'juno', 'vesta', 'ceres', 'pallas', 'thalia',
  'calypso', 'nereid', 'triton', 'proteus', 'oberon', 'titania', 'miranda', 'ariel', 'umbriel',
  'puck', 'io', 'europa', 'ganymede', 'callisto', 'rhea', 'tethys', 'dione', 'mimas',
].filter((w) => !w.includes('-') && !ROLE_WORDS.some((r) => w.includes(r)));

const SUFFIXES = ['2', '3', '7', '9', '11', 'ng', 'x', 'v2', 'lite', 'prime', 'next', 'one'];

/** Draws distinct service names (word, sometimes with a suffix) for one topology. */
export class NameDrawer {
  private readonly used = new Set<string>();
  private readonly words: string[];

  constructor(
    private readonly rng: Random,
    /** Share of names that get a suffix such as `-7` or `-ng`: fleets differ in this habit. */
    private readonly suffixShare: number,
  ) {
    this.words = shuffled(rng, WORDS);
  }

  next(): string {
    for (const word of this.words) {
      if (this.used.has(word)) continue;
      const name = this.rng.chance(this.suffixShare) ? `${word}-${this.rng.pick(SUFFIXES)}` : word;
      this.used.add(word);
      this.used.add(name);
      return name;
    }
    // More services than words: reuse words with numbered suffixes.
    for (let n = 2; ; n++) {
      const name = `${this.rng.pick(this.words)}-${n}`;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}

/** Business nouns for routes, topics and tables: what the system's users deal in. */
// biome-ignore format: a word list reads best packed
export const NOUNS = [
  'bookings', 'listings', 'invoices', 'tickets', 'shipments', 'profiles', 'documents', 'trips',
  'quotes', 'claims', 'policies', 'reviews', 'messages', 'subscriptions', 'coupons', 'vehicles',
  'appointments', 'reservations', 'courses', 'lessons', 'parcels', 'tenants', 'leases', 'rides',
  'menus', 'recipes', 'playlists', 'tracks', 'campaigns', 'ledgers', 'transfers', 'wallets',
  'stations', 'routes', 'venues', 'events', 'patients', 'prescriptions', 'assets', 'contracts',
];

/** Squad names for the `team` label; infrastructure often sits with one of them. */
// biome-ignore format: a word list reads best packed
export const TEAMS = [
  'atlas', 'orbit', 'harbor', 'lantern', 'compass', 'anchor', 'beacon', 'summit', 'meridian',
  'keystone', 'horizon', 'bastion', 'cascade', 'foundry', 'tidal', 'ember', 'granary', 'pioneer',
];

export function shuffled<T>(rng: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** `bookings` → `booking`; good enough for the nouns above. */
export function singular(noun: string): string {
  if (noun.endsWith('ies')) return `${noun.slice(0, -3)}y`;
  if (noun.endsWith('ses')) return noun.slice(0, -2);
  return noun.endsWith('s') ? noun.slice(0, -1) : noun;
}
