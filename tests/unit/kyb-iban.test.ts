import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIban, ibanCheckDigits, validateIban } from '../../src/core/kyb/iban.js';
import { IBAN_LENGTHS } from '../../src/core/kyb/iban-registry.js';
import { fcOptions } from '../support/fc.js';

const errorCodes = (input: string) => {
  const result = validateIban(input);
  return result.ok ? [] : result.errors.map((error) => error.code);
};

/**
 * The "IBAN print format example" of every country in the SWIFT IBAN Registry, release 100
 * (https://www.swift.com/standards/data-standards/iban-international-bank-account-number), as
 * printed there, irregular groupings (BI, LY, SV, VA) included.
 */
const REGISTRY_EXAMPLES = [
    'AD12 0001 2030 2003 5910 0100',
    'AE07 0331 2345 6789 0123 456',
    'AL47 2121 1009 0000 0002 3569 8741',
    'AT61 1904 3002 3457 3201',
    'AZ21 NABZ 0000 0000 1370 1000 1944',
    'BA39 1290 0794 0102 8494',
    'BE68 5390 0754 7034',
    'BG80 BNBG 9661 1020 3456 78',
    'BH67 BMAG 0000 1299 1234 56',
    'BI42 10000 10001 00003320451 81',
    'BR18 0036 0305 0000 1000 9795 493C 1',
    'BY13 NBRB 3600 9000 0000 2Z00 AB00',
    'CH93 0076 2011 6238 5295 7',
    'CR05 0152 0200 1026 2840 66',
    'CY17 0020 0128 0000 0012 0052 7600',
    'CZ65 0800 0000 1920 0014 5399',
    'DE89 3704 0044 0532 0130 00',
    'DJ21 0001 0000 0001 5400 0100 186',
    'DK50 0040 0440 1162 43',
    'DO28 BAGR 0000 0001 2124 5361 1324',
    'EE38 2200 2210 2014 5685',
    'EG38 0019 0005 0000 0000 2631 8000 2',
    'ES91 2100 0418 4502 0005 1332',
    'FI21 1234 5600 0007 85',
    'FK88 SC12 3456 7890 12',
    'FO62 6460 0001 6316 34',
    'FR14 2004 1010 0505 0001 3M02 606',
    'GB29 NWBK 6016 1331 9268 19',
    'GE29 NB00 0000 0101 9049 17',
    'GI75 NWBK 0000 0000 7099 453',
    'GL89 6471 0001 0002 06',
    'GR16 0110 1250 0000 0001 2300 695',
    'GT82 TRAJ 0102 0000 0012 1002 9690',
    'HN88 CABF 0000 0000 0002 5000 5469',
    'HR12 1001 0051 8630 0016 0',
    'HU42 1177 3016 1111 1018 0000 0000',
    'IE29 AIBK 9311 5212 3456 78',
    'IL62 0108 0000 0009 9999 999',
    'IQ98 NBIQ 8501 2345 6789 012',
    'IS14 0159 2600 7654 5510 7303 39',
    'IT60 X054 2811 1010 0000 0123 456',
    'JO94 CBJO 0010 0000 0000 0131 0003 02',
    'KW81 CBKU 0000 0000 0000 1234 5601 01',
    'KZ86 125K ZT50 0410 0100',
    'LB62 0999 0000 0001 0019 0122 9114',
    'LC55 HEMM 0001 0001 0012 0012 0002 3015',
    'LI21 0881 0000 2324 013A A',
    'LT12 1000 0111 0100 1000',
    'LU28 0019 4006 4475 0000',
    'LV80 BANK 0000 4351 9500 1',
    'LY83 002 048 000020100120361',
    'MC58 1122 2000 0101 2345 6789 030',
    'MD24 AG00 0225 1000 1310 4168',
    'ME25 5050 0001 2345 6789 51',
    'MK07 2501 2000 0058 984',
    'MN12 1234 1234 5678 9123',
    'MR13 0002 0001 0100 0012 3456 753',
    'MT84 MALT 0110 0001 2345 MTLC AST0 01S',
    'MU17 BOMM 0101 1010 3030 0200 000M UR',
    'NI45 BAPR 0000 0013 0000 0355 8124',
    'NL91 ABNA 0417 1643 00',
    'NO93 8601 1117 947',
    'OM81 0180 0000 0129 9123 456',
    'PK36 SCBL 0000 0011 2345 6702',
    'PL61 1090 1014 0000 0712 1981 2874',
    'PS92 PALS 0000 0000 0400 1234 5670 2',
    'PT50 0002 0123 1234 5678 9015 4',
    'QA58 DOHB 0000 1234 5678 90AB CDEF G',
    'RO49 AAAA 1B31 0075 9384 0000',
    'RS35 2600 0560 1001 6113 79',
    'RU03 0445 2522 5408 1781 0538 0913 1041 9',
    'SA03 8000 0000 6080 1016 7519',
    'SC18 SSCB 1101 0000 0000 0000 1497 USD',
    'SD21 2901 0501 2340 01',
    'SE45 5000 0000 0583 9825 7466',
    'SI56 2633 0001 2039 086',
    'SK31 1200 0000 1987 4263 7541',
    'SM86 U032 2509 8000 0000 0270 100',
    'SO21 1000 0010 0100 0100 141',
    'ST23 0001 0001 0051 8453 1014 6',
    'SV 62 CENR 00000000000000700025',
    'TL38 0080 0123 4567 8910 157',
    'TN59 1000 6035 1835 9847 8831',
    'TR33 0006 1005 1978 6457 8413 26',
    'UA21 3223 1300 0002 6007 2335 6600 1',
    'VA59 001 1230 0001 2345 678',
    'VG96 VPVG 0000 0123 4567 8901',
    'XK05 1212 0123 4567 8906',
    'YE15 CBYE 0001 0188 6123 4567 8912 34',
];

describe('validateIban on the registry examples', () => {
  it('covers every country of the length table', () => {
    expect(REGISTRY_EXAMPLES.map((example) => example.slice(0, 2)).sort()).toEqual(Object.keys(IBAN_LENGTHS).sort());
  });

  it.each(REGISTRY_EXAMPLES)('%s is valid and as long as the registry says', (example) => {
    const result = validateIban(example);
    expect(result).toMatchObject({ ok: true, country: example.slice(0, 2) });
    if (result.ok) {
      expect(result.iban).toHaveLength(IBAN_LENGTHS[result.country]);
      expect(result.formatted.replace(/ /g, '')).toBe(result.iban);
    }
  });

  it.each([
    // The worked example of Wikipedia's "International Bank Account Number" article, and the registry's German example.
    ['GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432', 'GB82 WEST 1234 5698 7654 32', true],
    ['gb82west12345698765432', 'GB82WEST12345698765432', 'GB82 WEST 1234 5698 7654 32', true],
    ['  de89 3704 0044 0532 0130 00 ', 'DE89370400440532013000', 'DE89 3704 0044 0532 0130 00', true],
    // Non-SEPA countries merchants settle from.
    ['AE07 0331 2345 6789 0123 456', 'AE070331234567890123456', 'AE07 0331 2345 6789 0123 456', false],
    ['sa0380000000608010167519', 'SA0380000000608010167519', 'SA03 8000 0000 6080 1016 7519', false],
    ['TR33 0006 1005 1978 6457 8413 26', 'TR330006100519786457841326', 'TR33 0006 1005 1978 6457 8413 26', false],
    ['CH93 0076 2011 6238 5295 7', 'CH9300762011623852957', 'CH93 0076 2011 6238 5295 7', true],
  ] as const)('%s -> %s', (input, iban, formatted, sepa) => {
    expect(validateIban(input)).toEqual({ ok: true, iban, formatted, country: iban.slice(0, 2), sepa });
  });
});

describe('ibanCheckDigits', () => {
  it('computes the published check digits', () => {
    expect(ibanCheckDigits('DE', '370400440532013000')).toBe('89');
    expect(ibanCheckDigits('GB', 'WEST12345698765432')).toBe('82');
    expect(ibanCheckDigits('NO', '86011117947')).toBe('93');
    // 33 characters, the longest registered IBAN: the number behind it has 40 digits.
    expect(ibanCheckDigits('RU', '04452522540817810538091310419')).toBe('03');
  });

  it('pads a single-digit result', () => {
    expect(ibanCheckDigits('SA', '80000000608010167519')).toBe('03');
  });

  it('refuses a malformed country or BBAN', () => {
    expect(() => ibanCheckDigits('de', '370400440532013000')).toThrow(RangeError);
    expect(() => ibanCheckDigits('DE', '3704 0044')).toThrow(RangeError);
  });
});

describe('validateIban reports every problem', () => {
  it('wrong check digits', () => {
    expect(errorCodes('GB83WEST12345698765432')).toEqual(['checksum']);
  });

  it('the wrong length for the country (a digit dropped)', () => {
    expect(errorCodes('DE8937040044053201300')).toEqual(['length', 'checksum']);
  });

  it('a country outside the registry', () => {
    expect(errorCodes('US12345678901234567890')).toContain('country');
    expect(errorCodes('XX00')).toEqual(['country', 'length', 'check_digits']);
  });

  it('characters that are neither letters nor digits', () => {
    expect(errorCodes('DE89-3704-0044-0532-0130-00')).toEqual(['characters', 'length']);
  });

  it('check digits 00, 01 and 99, which ISO 13616 never issues even where MOD 97 holds', () => {
    // A German BBAN whose check digits are 98 (one in 97 are): replacing them by 01 keeps MOD 97 = 1.
    const bban = Array.from({ length: 2000 }, (_, n) => `37040044${String(n).padStart(10, '0')}`).find((candidate) => ibanCheckDigits('DE', candidate) === '98');
    if (bban === undefined) throw new Error('no BBAN with check digits 98 among the candidates');
    expect(validateIban(`DE98${bban}`).ok).toBe(true);
    expect(errorCodes(`DE01${bban}`)).toEqual(['check_digits']);
    expect(errorCodes('DE00370400440532013000')).toEqual(['check_digits']);
    expect(errorCodes('DE99370400440532013000')).toEqual(['check_digits']);
  });
});

describe('formatIban', () => {
  it('groups by four from the left, the last group shorter', () => {
    expect(formatIban('NO9386011117947')).toBe('NO93 8601 1117 947');
    expect(formatIban('be68539007547034')).toBe('BE68 5390 0754 7034');
  });
});

/** German IBANs: numeric BBANs, where MOD 97-10 provably catches every single substitution and adjacent transposition. */
const germanIban = fc.stringMatching(/^[0-9]{18}$/).map((bban) => `DE${ibanCheckDigits('DE', bban)}${bban}`);

describe('MOD 97-10 detects typing errors', () => {
  it('detects every single-digit substitution in the BBAN', () => {
    fc.assert(
      fc.property(germanIban, fc.integer({ min: 4, max: 21 }), fc.integer({ min: 1, max: 9 }), (iban, i, delta) => {
        const corrupted = iban.slice(0, i) + String((Number(iban[i]) + delta) % 10) + iban.slice(i + 1);
        expect(errorCodes(corrupted)).toEqual(['checksum']);
      }),
      fcOptions(500),
    );
  });

  it('detects every transposition of two different adjacent digits', () => {
    fc.assert(
      fc.property(germanIban, fc.integer({ min: 2, max: 20 }), (iban, i) => {
        fc.pre(iban[i] !== iban[i + 1]);
        const swapped = iban.slice(0, i) + iban[i + 1] + iban[i] + iban.slice(i + 2);
        expect(validateIban(swapped).ok).toBe(false);
      }),
      fcOptions(500),
    );
  });
});
