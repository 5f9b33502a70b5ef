/* bench/csv2xlsx.c: CSV.csv OUT.xlsx -- the rows of the benchmark's CSV as
 * a clerk's workbook holds them, written with libxlsxwriter (constant
 * memory mode, as a large sheet needs): numbers as numbers (money with the
 * format #,##0.00, village codes too, as Excel makes of a typed code),
 * YYYY-MM-DD as dates (yyyy-mm-dd), the rest as text; the first row as
 * the header. For `make bench`: the .xlsx import against the CSV one. */
#include <csv.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

typedef struct out {
  lxw_worksheet *ws;
  lxw_format *date, *money;
  lxw_row_t row;
  lxw_col_t col;
  char buf[4096];
} out;

/* A plain decimal number a spreadsheet stores as a number: digits, at most
 * one point, no leading zero (a code like 0103 stays text), 15 digits. */
static int is_number(const char *s, size_t n)
{
  int dot = 0;
  if(n == 0 || n > 16 || (s[0] == '0' && n > 1 && s[1] != '.'))
    return 0;
  for(size_t i = 0; i < n; i++)
    if(s[i] == '.') {
      if(dot++ || i == 0 || i == n - 1)
        return 0;
    } else if(!isdigit((unsigned char)s[i])) {
      return 0;
    }
  return 1;
}

static void cell(void *p, size_t n, void *ctx)
{
  out *o = ctx;
  const char *s = p;
  if(n && n < sizeof o->buf) {
    memcpy(o->buf, s, n);
    o->buf[n] = 0;
    if(o->row == 0 || n >= sizeof o->buf) {
      worksheet_write_string(o->ws, o->row, o->col, o->buf, NULL);
    } else if(n == 10 && s[4] == '-' && s[7] == '-' &&
              isdigit((unsigned char)s[0])) {
      lxw_datetime d = {atoi(o->buf), atoi(o->buf + 5), atoi(o->buf + 8), 0,
                        0, 0};
      worksheet_write_datetime(o->ws, o->row, o->col, &d, o->date);
    } else if(is_number(s, n)) {
      worksheet_write_number(o->ws, o->row, o->col, strtod(o->buf, NULL),
                             memchr(s, '.', n) ? o->money : NULL);
    } else {
      worksheet_write_string(o->ws, o->row, o->col, o->buf, NULL);
    }
  }
  o->col++;
}

static void row_end(int c, void *ctx)
{
  out *o = ctx;
  (void)c;
  o->row++;
  o->col = 0;
}

int main(int argc, char **argv)
{
  if(argc != 3) {
    fprintf(stderr, "usage: csv2xlsx CSV OUT.xlsx\n");
    return 2;
  }
  FILE *in = fopen(argv[1], "rb");
  if(!in) {
    perror(argv[1]);
    return 1;
  }
  lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
  lxw_workbook *wb = workbook_new_opt(argv[2], &opt);
  out o = {0};
  o.ws = workbook_add_worksheet(wb, "资产");
  o.date = workbook_add_format(wb);
  format_set_num_format(o.date, "yyyy-mm-dd");
  o.money = workbook_add_format(wb);
  format_set_num_format(o.money, "#,##0.00");
  struct csv_parser p;
  csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  char chunk[1 << 16];
  size_t n;
  int bom = 1;
  while((n = fread(chunk, 1, sizeof chunk, in)) > 0) {
    size_t skip = bom && n >= 3 && !memcmp(chunk, "\xef\xbb\xbf", 3) ? 3 : 0;
    bom = 0;
    if(csv_parse(&p, chunk + skip, n - skip, cell, row_end, &o) != n - skip) {
      fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
      return 1;
    }
  }
  csv_fini(&p, cell, row_end, &o);
  csv_free(&p);
  fclose(in);
  return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
