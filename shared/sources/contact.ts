import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import * as z from 'zod';
import { inferTimeZone } from './time-zones.ts';

/**
 * Contact normalization shared by the platform adapters: phone numbers to E.164 (libphonenumber,
 * with the address country as default region), emails lowercased and checked, time zone inferred
 * from the address, else from the phone's country. Unusable values are dropped, with a reason.
 */
export interface NormalizedContact {
  phone?: string;
  email?: string;
  timeZone?: string;
  timeZoneInferred?: boolean;
  dropped: string[];
}

const Email = z.email();

export function normalizePhone(
  raw: string | null | undefined,
  country?: string,
): { phone?: string; country?: string } {
  if (!raw?.trim()) return {};
  const parsed = parsePhoneNumberFromString(
    raw.trim(),
    (country?.toUpperCase() as CountryCode | undefined) ?? undefined,
  );
  if (!parsed?.isValid()) return {};
  return { phone: parsed.number, ...(parsed.country && { country: parsed.country }) };
}

export function normalizeContact(input: {
  phones: Array<string | null | undefined>;
  emails: Array<string | null | undefined>;
  country?: string;
  region?: string;
  timeZone?: string;
}): NormalizedContact {
  const dropped: string[] = [];
  let phone: string | undefined;
  let phoneCountry: string | undefined;
  for (const raw of input.phones) {
    if (!raw) continue;
    const n = normalizePhone(raw, input.country);
    if (n.phone) {
      phone = n.phone;
      phoneCountry = n.country;
      break;
    }
    dropped.push('phone: not a valid phone number');
  }
  let email: string | undefined;
  for (const raw of input.emails) {
    if (!raw) continue;
    const candidate = raw.trim().toLowerCase();
    if (Email.safeParse(candidate).success) {
      email = candidate;
      break;
    }
    dropped.push('email: not a valid address');
  }
  const inferred = input.timeZone
    ? undefined
    : (inferTimeZone(input.country, input.region) ?? inferTimeZone(phoneCountry));
  return {
    ...(phone && { phone }),
    ...(email && { email }),
    ...(input.timeZone
      ? { timeZone: input.timeZone }
      : inferred
        ? { timeZone: inferred, timeZoneInferred: true }
        : {}),
    dropped: [...new Set(dropped)],
  };
}
