import { DomainError } from '@gongzhi/domain/shared/domain-error.js';
import { parseCsv } from '../../src/platform/http/csv.js';

/** What the import routes rely on when they read a spreadsheet's CSV (RFC 4180, as Excel and WPS write it). */
describe('parseCsv reads RFC 4180 CSV as spreadsheets write it', () => {
  it.each([
    [
      'CRLF line ends',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'LF line ends and no final line end',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a lone CR as line end (old Mac Excel)',
      'a,b\r1,2\r',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'mixed line ends',
      'a,b\r\n1,2\n3,4\r5,6',
      [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
        ['5', '6'],
      ],
    ],
    [
      'a byte-order mark before the header',
      '\ufeffunitId,areaM2\r\n1-101,88.50',
      [
        ['unitId', 'areaM2'],
        ['1-101', '88.50'],
      ],
    ],
    [
      'quoted commas, line ends and doubled quotes',
      'name,note\r\n"张, 伟","line 1\r\nline ""2"""',
      [
        ['name', 'note'],
        ['张, 伟', 'line 1\r\nline "2"'],
      ],
    ],
    [
      'a quote inside an unquoted field kept as written',
      'a,b\r\n5" pipe,x',
      [
        ['a', 'b'],
        ['5" pipe', 'x'],
      ],
    ],
    ['short and long rows as they come', 'a,b,c\r\n1\r\n1,2,3,4', [['a', 'b', 'c'], ['1'], ['1', '2', '3', '4']]],
    [
      'blank and whitespace-only lines left out',
      'a,b\r\n\r\n1,2\r\n   \r\n3,4\r\n\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ],
    ],
    [
      'empty fields kept',
      'a,b,c\r\n,,\r\n1,,3',
      [
        ['a', 'b', 'c'],
        ['', '', ''],
        ['1', '', '3'],
      ],
    ],
    [
      'spaces kept (the import trims)',
      ' a , b \r\n 1 ,2',
      [
        [' a ', ' b '],
        [' 1 ', '2'],
      ],
    ],
    ['an empty file', '', []],
  ])('%s', (_what, text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it('refuses a quoted field that is never closed (MALFORMED_CSV), naming the row where it opens', () => {
    const refusal = (() => {
      try {
        parseCsv('unitId,amount\r\n1-101,1.00\r\n"1-102,2.00\r\n1-103,3.00\r\n');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'MALFORMED_CSV', kind: 'invalid' });
    expect((refusal as Error).message).toMatch(/^row 3: a quoted field is never closed/);
  });
});
