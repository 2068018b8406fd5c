/**
 * A saved column mapping for a bank's CSV export. Mappings are written by finance staff and
 * loaded from files, so they are validated like any other input: parse them with
 * `csvMappingSchema` before use.
 */
import { z } from 'zod';
import { currencySchema } from '../../shared/schemas.js';
import { DATE_FORMATS, parseUtcOffset } from './dates.js';

/** A column by its header text, or by 0-based position (files without a header row). */
const columnSchema = z.union([z.string().min(1).max(100), z.number().int().min(0).max(499)]);

export const csvMappingSchema = z
  .strictObject({
    name: z.string().min(1).max(100),
    delimiter: z.enum([',', ';', '\t', '|']),
    encoding: z.enum(['utf8', 'gbk']),
    /** Records before the data; the last of them names the columns. */
    headerRows: z.number().int().min(0).max(20),
    columns: z.strictObject({
      bookedAt: columnSchema,
      amount: columnSchema,
      currency: columnSchema.optional(),
      reference: columnSchema,
      counterparty: columnSchema.optional(),
      description: columnSchema.optional(),
      externalId: columnSchema.optional(),
    }),
    dateFormat: z.enum(DATE_FORMATS),
    /** The zone the bank's dates and times are in: "Z", "+08:00", "-05:00". */
    utcOffset: z
      .string()
      .refine((text) => parseUtcOffset(text) !== undefined, 'utcOffset must be "Z" or like "+08:00"')
      .default('Z'),
    amountFormat: z
      .strictObject({
        decimal: z.enum(['.', ',']),
        thousands: z.enum(['', ',', '.', ' ']),
        negative: z.enum(['minus', 'parentheses']),
      })
      .refine((format) => format.decimal !== format.thousands, 'the decimal and thousands separators must differ'),
    defaultCurrency: currencySchema,
  })
  .refine((mapping) => mapping.headerRows > 0 || Object.values(mapping.columns).every((column) => typeof column !== 'string'), {
    message: 'columns can be named only when there is a header row (headerRows >= 1)',
    path: ['columns'],
  });

export type CsvMapping = z.output<typeof csvMappingSchema>;
export type CsvColumn = z.output<typeof columnSchema>;
