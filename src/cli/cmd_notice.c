/* cmd_notice.c: sanzi notice, the village notice-board sheet. */
#include "cli/cli.h"
#include "cli/commands.h"
#include "domain/notice.h"
#include "domain/workbook.h"
#include "base/date.h"

#include <stdlib.h>
#include <string.h>

int cmd_notice(int argc, char **argv)
{
  args a;
  args_init(&a, "notice", argc, argv);
  args_help(&a);
  const char *village = args_need(&a, "--village");
  const char *year = args_year(&a);
  const char *d = args_value(&a, "--as-of");
  char as_of[11] = "";
  if(d)
    cli_date("--as-of", d, as_of);
  out o;
  out_init(&o, &a, out_formats_xlsx, 1);
  int n;
  free(args_rest(&a, 0, 0, &n));
  sz *z = cli_db();
  cli_scope(z, village, NULL);
  if(!as_of[0]) {
    /* the year's end, or today while it runs */
    snprintf(as_of, sizeof as_of, "%s-12-31", year);
    if(strcmp(as_of, z->today) > 0)
      snprintf(as_of, sizeof as_of, "%s", z->today);
  }
  if(strncmp(as_of, year, 4))
    die(2, _("--as-of %s is not in the year %s"), as_of, year);
  if(strcmp(as_of, z->today) > 0)
    die(1, _("--as-of %s is after today (%s)"), as_of, z->today);
  char title[256], line[512];
  notice_title(z, village, title, sizeof title);
  snprintf(line, sizeof line, "公开期间：%s 年（截至 %s）", year, as_of);
  out_workbook(&o, z, WS_STACK, title, line);
  if(o.wb) {
    wsink_line(o.wb, title, 1);
    wsink_line(o.wb, line, 0);
  } else if(o.fmt == OUT_TABLE)
    printf("%s\n%s\n", title, line);
  layout l[8];
  char heading[8][64];
  for(int i = 0; i < notice_nparts && i < 8; i++) {
    snprintf(heading[i], sizeof heading[i], "\n%s\n", notice_parts[i]->name);
    l[i] = (layout){.part = notice_parts[i]->key, .form = SHOW_ROWS,
                    .heading = heading[i]};
  }
  out_layouts(&o, l, notice_nparts < 8 ? notice_nparts : 8);
  if(notice_view(z, village, atoi(year), as_of, &o.s))
    out_fail(&o, z);
  if(o.wb) {
    wsink_line(o.wb, "村务监督委员会主任（签字）：＿＿＿＿＿＿    委员（签字）："
                     "＿＿＿＿＿＿  ＿＿＿＿＿＿    公开日期：    年    月    日",
               0);
  }
  out_done(&o, &a);
  cli_close(z);
  return 0;
}
