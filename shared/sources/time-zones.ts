/**
 * Time zone inference when a source gives none: from the address country (and state/province
 * for countries spanning several zones), else from the phone number's country. The zone is the
 * one most people in that region live in; the event records that it was inferred.
 */
const BY_COUNTRY: Record<string, string> = {
  AT: 'Europe/Vienna', BE: 'Europe/Brussels', BG: 'Europe/Sofia', CH: 'Europe/Zurich', CY: 'Asia/Nicosia',
  CZ: 'Europe/Prague', DE: 'Europe/Berlin', DK: 'Europe/Copenhagen', EE: 'Europe/Tallinn', ES: 'Europe/Madrid',
  FI: 'Europe/Helsinki', FR: 'Europe/Paris', GB: 'Europe/London', GR: 'Europe/Athens', HR: 'Europe/Zagreb',
  HU: 'Europe/Budapest', IE: 'Europe/Dublin', IS: 'Atlantic/Reykjavik', IT: 'Europe/Rome', LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg', LV: 'Europe/Riga', MT: 'Europe/Malta', NL: 'Europe/Amsterdam', NO: 'Europe/Oslo',
  PL: 'Europe/Warsaw', PT: 'Europe/Lisbon', RO: 'Europe/Bucharest', RS: 'Europe/Belgrade', SE: 'Europe/Stockholm',
  SI: 'Europe/Ljubljana', SK: 'Europe/Bratislava', TR: 'Europe/Istanbul', UA: 'Europe/Kyiv', RU: 'Europe/Moscow',
  US: 'America/New_York', CA: 'America/Toronto', MX: 'America/Mexico_City', BR: 'America/Sao_Paulo', AR: 'America/Argentina/Buenos_Aires',
  CL: 'America/Santiago', CO: 'America/Bogota', PE: 'America/Lima', AU: 'Australia/Sydney', NZ: 'Pacific/Auckland',
  JP: 'Asia/Tokyo', KR: 'Asia/Seoul', CN: 'Asia/Shanghai', HK: 'Asia/Hong_Kong', TW: 'Asia/Taipei', SG: 'Asia/Singapore',
  IN: 'Asia/Kolkata', AE: 'Asia/Dubai', IL: 'Asia/Jerusalem', SA: 'Asia/Riyadh', ZA: 'Africa/Johannesburg',
  EG: 'Africa/Cairo', NG: 'Africa/Lagos', KE: 'Africa/Nairobi', ID: 'Asia/Jakarta', MY: 'Asia/Kuala_Lumpur',
  PH: 'Asia/Manila', TH: 'Asia/Bangkok', VN: 'Asia/Ho_Chi_Minh',
};

const US_STATES: Record<string, string> = {
  CT: 'America/New_York', DE: 'America/New_York', DC: 'America/New_York', FL: 'America/New_York', GA: 'America/New_York',
  ME: 'America/New_York', MD: 'America/New_York', MA: 'America/New_York', NH: 'America/New_York', NJ: 'America/New_York',
  NY: 'America/New_York', NC: 'America/New_York', OH: 'America/New_York', PA: 'America/New_York', RI: 'America/New_York',
  SC: 'America/New_York', VT: 'America/New_York', VA: 'America/New_York', WV: 'America/New_York', MI: 'America/Detroit',
  IN: 'America/Indiana/Indianapolis', KY: 'America/New_York', AL: 'America/Chicago', AR: 'America/Chicago', IL: 'America/Chicago',
  IA: 'America/Chicago', KS: 'America/Chicago', LA: 'America/Chicago', MN: 'America/Chicago', MS: 'America/Chicago',
  MO: 'America/Chicago', NE: 'America/Chicago', ND: 'America/Chicago', OK: 'America/Chicago', SD: 'America/Chicago',
  TN: 'America/Chicago', TX: 'America/Chicago', WI: 'America/Chicago', AZ: 'America/Phoenix', CO: 'America/Denver',
  ID: 'America/Boise', MT: 'America/Denver', NM: 'America/Denver', UT: 'America/Denver', WY: 'America/Denver',
  CA: 'America/Los_Angeles', NV: 'America/Los_Angeles', OR: 'America/Los_Angeles', WA: 'America/Los_Angeles',
  AK: 'America/Anchorage', HI: 'Pacific/Honolulu', PR: 'America/Puerto_Rico',
};

const CA_PROVINCES: Record<string, string> = {
  BC: 'America/Vancouver', AB: 'America/Edmonton', SK: 'America/Regina', MB: 'America/Winnipeg', ON: 'America/Toronto',
  QC: 'America/Toronto', NB: 'America/Halifax', NS: 'America/Halifax', PE: 'America/Halifax', NL: 'America/St_Johns',
  YT: 'America/Whitehorse', NT: 'America/Yellowknife', NU: 'America/Iqaluit',
};

const AU_STATES: Record<string, string> = {
  NSW: 'Australia/Sydney', ACT: 'Australia/Sydney', VIC: 'Australia/Melbourne', QLD: 'Australia/Brisbane',
  SA: 'Australia/Adelaide', WA: 'Australia/Perth', TAS: 'Australia/Hobart', NT: 'Australia/Darwin',
};

const BR_STATES: Record<string, string> = { AM: 'America/Manaus', MT: 'America/Cuiaba', MS: 'America/Campo_Grande', AC: 'America/Rio_Branco', RO: 'America/Porto_Velho' };
const MX_STATES: Record<string, string> = { BCN: 'America/Tijuana', BC: 'America/Tijuana', SON: 'America/Hermosillo', CHH: 'America/Chihuahua', SIN: 'America/Mazatlan', ROO: 'America/Cancun' };

export function inferTimeZone(country?: string, region?: string): string | undefined {
  const c = country?.toUpperCase();
  if (!c) return undefined;
  const r = region?.toUpperCase().replace(/^[A-Z]{2}-/, '');
  const byRegion = r
    ? ({ US: US_STATES, CA: CA_PROVINCES, AU: AU_STATES, BR: BR_STATES, MX: MX_STATES } as Record<string, Record<string, string>>)[c]?.[r]
    : undefined;
  return byRegion ?? BY_COUNTRY[c];
}

/** ISO 3166 alpha-3 -> alpha-2 for the countries above (AfterShip sends alpha-3). */
const ALPHA3: Record<string, string> = {
  AUT: 'AT', BEL: 'BE', BGR: 'BG', CHE: 'CH', CYP: 'CY', CZE: 'CZ', DEU: 'DE', DNK: 'DK', EST: 'EE', ESP: 'ES', FIN: 'FI',
  FRA: 'FR', GBR: 'GB', GRC: 'GR', HRV: 'HR', HUN: 'HU', IRL: 'IE', ISL: 'IS', ITA: 'IT', LTU: 'LT', LUX: 'LU', LVA: 'LV',
  MLT: 'MT', NLD: 'NL', NOR: 'NO', POL: 'PL', PRT: 'PT', ROU: 'RO', SRB: 'RS', SWE: 'SE', SVN: 'SI', SVK: 'SK', TUR: 'TR',
  UKR: 'UA', RUS: 'RU', USA: 'US', CAN: 'CA', MEX: 'MX', BRA: 'BR', ARG: 'AR', CHL: 'CL', COL: 'CO', PER: 'PE', AUS: 'AU',
  NZL: 'NZ', JPN: 'JP', KOR: 'KR', CHN: 'CN', HKG: 'HK', TWN: 'TW', SGP: 'SG', IND: 'IN', ARE: 'AE', ISR: 'IL', SAU: 'SA',
  ZAF: 'ZA', EGY: 'EG', NGA: 'NG', KEN: 'KE', IDN: 'ID', MYS: 'MY', PHL: 'PH', THA: 'TH', VNM: 'VN',
};

export function alpha2(code?: string): string | undefined {
  if (!code) return undefined;
  const c = code.toUpperCase();
  return c.length === 2 ? c : ALPHA3[c];
}
