import { BlockList, isIP } from 'node:net';
import { KeyIpRuleInvalid } from '../domain/api-key-errors';

/** One `allowed_ips` entry: an address or a CIDR range, v4 or v6. */
interface AddressRule {
  address: string;
  family: 'ipv4' | 'ipv6';
  prefix?: number;
}

function parseRule(raw: string): AddressRule | undefined {
  const text = raw.trim().toLowerCase();
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (slash < 0) return { address, family };
  const bits = text.slice(slash + 1);
  const prefix = Number(bits);
  if (!/^\d{1,3}$/.test(bits) || prefix > (version === 4 ? 32 : 128)) return undefined;
  return { address, family, prefix };
}

/** Validates and normalises (trimmed, lower case, no duplicates) the rules given on creation or edit. */
export function normaliseAddressRules(rules: string[]): string[] {
  const invalid = rules.filter((rule) => parseRule(rule) === undefined);
  if (invalid.length) throw new KeyIpRuleInvalid(invalid);
  return [...new Set(rules.map((rule) => rule.trim().toLowerCase()))];
}

/** Matches client addresses; v4 rules also match v4-mapped v6 addresses (`::ffff:10.0.0.1`). */
export class AddressMatcher {
  private readonly list = new BlockList();

  constructor(rules: readonly string[]) {
    for (const raw of rules) {
      const rule = parseRule(raw);
      // Stored rules were validated on the way in; one that no longer parses grants nothing.
      if (!rule) continue;
      if (rule.prefix === undefined) this.list.addAddress(rule.address, rule.family);
      else this.list.addSubnet(rule.address, rule.prefix, rule.family);
    }
  }

  allows(clientAddress: string | undefined): boolean {
    if (!clientAddress) return false;
    const version = isIP(clientAddress);
    if (version === 0) return false;
    return this.list.check(clientAddress, version === 4 ? 'ipv4' : 'ipv6');
  }
}

/**
 * Matchers built once per verified key object: the cache replaces the object whenever the key
 * changes, so the object itself is the version and a weak map forgets matchers with their keys.
 */
export class AddressMatchers {
  private readonly byKey = new WeakMap<object, AddressMatcher>();

  for(key: { allowedIps: readonly string[] }): AddressMatcher {
    let matcher = this.byKey.get(key);
    if (!matcher) {
      matcher = new AddressMatcher(key.allowedIps);
      this.byKey.set(key, matcher);
    }
    return matcher;
  }
}
