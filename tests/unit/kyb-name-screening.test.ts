import { describe, expect, it } from 'vitest';
import { MAX_NAME_WORDS, normaliseName } from '../../src/core/kyb/name-normalise.js';
import { MAX_SCREENED_ENTRIES, nameScore, screenName } from '../../src/core/kyb/name-screening.js';
import { bigramDice, jaroWinkler, wordSimilarity } from '../../src/core/kyb/similarity.js';

const score = (a: string, b: string) => nameScore(normaliseName(a), normaliseName(b));

describe('jaroWinkler', () => {
  it.each([
    // Winkler's examples as quoted in Wikipedia's "Jaro–Winkler distance" article.
    ['MARTHA', 'MARHTA', 0.961],
    ['DWAYNE', 'DUANE', 0.84],
    ['DIXON', 'DICKSONX', 0.813],
  ])('%s / %s = %f', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
  });

  it('is 1 for equal strings, 0 for strings without a common character, and counts code points', () => {
    expect(jaroWinkler('acme', 'acme')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('腾讯', '腾讯')).toBe(1);
  });
});

describe('bigramDice and wordSimilarity', () => {
  it('bigramDice shares adjacent pairs', () => {
    expect(bigramDice('华为技术', '华为技术')).toBe(1);
    expect(bigramDice('华为', '腾讯')).toBe(0);
    expect(bigramDice('华', '华')).toBe(1);
    // 腾讯 讯计 计算 ... one changed character breaks two of nine pairs.
    expect(bigramDice('深圳市腾讯计算机系统', '深圳市腾迅计算机系统')).toBeCloseTo(7 / 9, 10);
  });

  it('wordSimilarity ignores word order and is symmetric', () => {
    expect(wordSimilarity(['golden', 'star'], ['star', 'golden'])).toBe(1);
    expect(wordSimilarity(['acme'], ['acme', 'global', 'trading'])).toBe(wordSimilarity(['acme', 'global', 'trading'], ['acme']));
  });
});

describe('normaliseName', () => {
  it.each([
    ['ＡＣＭＥ　Ｔｒａｄｉｎｇ Co., Ltd.', 'acme trading', false],
    ['Société Générale S.A.', 'societe generale', false],
    ['Johnson & Johnson', 'johnson johnson', false],
    ['The Ltd Company Trading Limited', 'ltd company trading', false],
    ['阿里巴巴（中国）网络技术有限公司', '阿里巴巴 中国 网络技术', true],
    ['华为技术股份有限公司', '华为技术', true],
    ['腾讯科技(深圳)有限公司', '腾讯科技 深圳', true],
    ['有限公司', '有限公司', true],
  ])('%s -> %s', (name, text, cjk) => {
    expect(normaliseName(name)).toMatchObject({ text, cjk });
  });

  it('keeps at most MAX_NAME_WORDS words', () => {
    expect(normaliseName('w '.repeat(100)).tokens).toHaveLength(MAX_NAME_WORDS);
  });
});

describe('nameScore', () => {
  it.each([
    // Exact after normalisation: case, width, punctuation, legal forms, connectives, diacritics.
    ['Acme Trading Co., Ltd.', 'ACME TRADING LIMITED', 100],
    ['ＡＣＭＥ　Ｔｒａｄｉｎｇ', 'Acme Trading Inc.', 100],
    ['Huawei Technologies Co., Ltd.', 'Huawei Technologies', 100],
    ['Johnson & Johnson', 'Johnson and Johnson', 100],
    ['Société Générale', 'Societe Generale SA', 100],
    ['Golden Star Imports', 'Star Golden Imports', 100],
    // Transliteration variants and typos.
    ['Mohammed Al-Rashid Trading LLC', 'Muhammad Al Rashid Trading', 95],
    ['Vladimir Petrov Holdings', 'Wladimir Petrow Holdings', 95],
    ['Aleksandr Ivanov', 'Alexander Ivanov', 94],
    ['Gazprom Neft', 'Gasprom Neft', 95],
    ['Shenzhen Dragon Electronics', 'Shenzen Dragon Electronic', 98],
    // Run-together words score lower: one word against two.
    ['Mohammed Al-Rashid Trading LLC', 'Muhammad AlRashid Trading', 86],
    // Unrelated names, some sharing words or a prefix.
    ['China Trading', 'China Travel', 44],
    ['Bank of China', 'Bank of Chongqing', 47],
    ['Acme', 'Acme Global Trading', 62],
    ['Apple Inc.', 'Applied Materials Inc.', 68],
    ['Northern Star Shipping', 'Southern Star Shipping', 60],
    ['Pacific Rim Exports', 'Pacific Rim Imports', 59],
    ['Global Tech Solutions', 'Global Trade Services', 32],
    ['Blue Ocean Logistics', 'Red Mountain Foods', 0],
    // Chinese names: legal forms and full-width brackets do not count; bigrams do.
    ['阿里巴巴（中国）网络技术有限公司', '阿里巴巴(中国)网络技术有限公司', 100],
    ['华为技术有限公司', '华为技术股份有限公司', 100],
    ['深圳市腾讯计算机系统有限公司', '深圳市腾讯计算机系统', 100],
    ['深圳市腾讯计算机系统有限公司', '深圳市腾迅计算机系统有限公司', 78],
    ['杭州星辰贸易有限公司', '杭州星晨贸易有限公司', 60],
    ['广州恒大贸易有限公司', '广州恒达物流有限公司', 40],
    ['北京字节跳动科技有限公司', '北京百度网讯科技有限公司', 29],
    ['上海浦东发展银行股份有限公司', '上海农村商业银行股份有限公司', 29],
    // Different scripts are not transliterated.
    ['阿里巴巴（中国）网络技术有限公司', 'Alibaba (China) Network Technology Co., Ltd.', 0],
    ['', 'Acme', 0],
    ['...', 'Acme', 0],
  ])('%s / %s = %i (stable)', (a, b, expected) => {
    expect(score(a, b)).toBe(expected);
    expect(score(b, a)).toBe(expected);
  });
});

const BLOCK_LIST = [
  { id: 'BL-001', name: 'Wladimir Petrow Holdings Ltd' },
  { id: 'BL-002', name: 'Shenzhen Dragon Electronics Co., Ltd.' },
  { id: 'BL-003', name: '深圳市腾讯计算机系统有限公司' },
  { id: 'BL-004', name: 'Golden Star Imports' },
  { id: 'BL-005', name: 'Star Golden Imports Limited' },
];

describe('screenName', () => {
  it('matches a typo variant and reports the entry and score', () => {
    expect(screenName('Vladimir Petrov Holdings', BLOCK_LIST)).toEqual({
      matched: true,
      best: { entryId: 'BL-001', entryName: 'Wladimir Petrow Holdings Ltd', score: 95 },
      candidates: [{ entryId: 'BL-001', entryName: 'Wladimir Petrow Holdings Ltd', score: 95 }],
      threshold: 85,
      entriesScreened: 5,
      truncated: false,
    });
  });

  it('matches a Chinese name given with another legal form', () => {
    const result = screenName('深圳市腾讯计算机系统', BLOCK_LIST);
    expect(result.matched).toBe(true);
    expect(result.best).toEqual({ entryId: 'BL-003', entryName: '深圳市腾讯计算机系统有限公司', score: 100 });
  });

  it('shows a near miss as a candidate without matching', () => {
    const result = screenName('深圳市腾迅计算机系统有限公司', BLOCK_LIST);
    expect(result.matched).toBe(false);
    expect(result.candidates).toEqual([{ entryId: 'BL-003', entryName: '深圳市腾讯计算机系统有限公司', score: 78 }]);
  });

  it('does not match an unrelated name that shares a word', () => {
    expect(screenName('Shenzhen Blue Ocean Logistics', BLOCK_LIST)).toMatchObject({
      matched: false,
      best: { entryId: 'BL-002', score: 31 },
      candidates: [],
    });
  });

  it('orders equal scores as the list does, whatever the input order of the names', () => {
    const result = screenName('golden star imports', BLOCK_LIST);
    expect(result.candidates.map((c) => [c.entryId, c.score])).toEqual([['BL-004', 100], ['BL-005', 100]]);
  });

  it('applies the threshold given', () => {
    expect(screenName('Muhammad AlRashid Trading', [{ id: 'X', name: 'Mohammed Al-Rashid Trading LLC' }]).matched).toBe(true);
    expect(screenName('Muhammad AlRashid Trading', [{ id: 'X', name: 'Mohammed Al-Rashid Trading LLC' }], 90).matched).toBe(false);
    expect(() => screenName('x', [], 85.5)).toThrow(RangeError);
    expect(() => screenName('x', [], 101)).toThrow(RangeError);
  });

  it('answers no best match for an empty list or when nothing resembles the name', () => {
    expect(screenName('Acme', [])).toMatchObject({ matched: false, best: null, candidates: [], entriesScreened: 0, truncated: false });
    expect(screenName('Red Mountain Foods', BLOCK_LIST)).toMatchObject({ matched: false, best: null, candidates: [], entriesScreened: 5 });
  });

  it('scores at most MAX_SCREENED_ENTRIES entries and says so', () => {
    const entries = Array.from({ length: MAX_SCREENED_ENTRIES + 1 }, (_, i) => ({ id: `E${i}`, name: i === MAX_SCREENED_ENTRIES ? 'Acme Trading' : `Entity ${i}` }));
    const result = screenName('Acme Trading', entries);
    expect(result).toMatchObject({ matched: false, entriesScreened: MAX_SCREENED_ENTRIES, truncated: true });
  });
});
