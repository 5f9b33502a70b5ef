/* cmd_audit.c: classify, audit findings, audit export. */
#include "domain/registers.h"
#include "domain/audit.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "base/version.h"

#include <stdlib.h>
#include <string.h>


/* The audit's tables on stdout: table or CSV (t6000 holds json refused). */
static const char *const audit_formats[] = {"table", "csv", NULL};

/* --year, --village / --township: the audit they describe. */
static audit *open_audit(args *a, sz **zp)
{
  const char *year = args_year(a);
  const char *vil = args_value(a, "--village");
  const char *town = args_value(a, "--township");
  if(vil && town)
    usage_error(a, "%s", _("give --village or --township, not both"));
  sz *z = cli_db();
  cli_scope(z, vil, town);
  audit *au = audit_open(z, atoi(year), vil, town);
  if(!au)
    cli_fail(z, NULL);
  *zp = z;
  return au;
}

int cmd_classify(int argc, char **argv)
{
  args a;
  args_init(&a, "classify", argc, argv);
  args_help(&a);
  sz *z;
  audit *au = open_audit(&a, &z);
  out o;
  out_init(&o, &a, audit_formats, 0);
  int n;
  free(args_rest(&a, 0, 0, &n));
  if(audit_classify(au, &o.s))
    cli_fail(z, NULL);
  out_done(&o, &a);
  audit_close(au);
  cli_close(z);
  return 0;
}

static int findings(args *a, const void *ctx)
{
  (void)ctx;
  sz *z;
  audit *au = open_audit(a, &z);
  out o;
  out_init(&o, a, audit_formats, 0);
  int n;
  free(args_rest(a, 0, 0, &n));
  long count;
  if(audit_findings(au, &o.s, &count))
    cli_fail(z, NULL);
  out_done(&o, a);
  fprintf(stderr, NG_("%ld finding as of %s\n", "%ld findings as of %s\n",
                      (unsigned long)count),
          count, audit_ref_date(au));
  audit_close(au);
  cli_close(z);
  return 0;
}

static int export(args *a, const void *ctx)
{
  (void)ctx;
  const char *dir = args_need(a, "--out");
  static const char *const formats[] = {"both", "csv", "xlsx", NULL};
  const char *f = args_choice(a, "--format", formats);
  int given;
  audit_export_opts o = {dir, strcmp(f, "xlsx") != 0, strcmp(f, "csv") != 0,
                         SANZI_VERSION, cli_anchors(a, &given), NULL, NULL};
  sz *z;
  audit *au = open_audit(a, &z);
  int n;
  free(args_rest(a, 0, 0, &n));
  long nf;
  if(audit_export(au, &o, &nf))
    cli_fail(z, NULL);
  printf(_("audit %.4s (as of %s) written to %s:"), audit_ref_date(au),
         audit_ref_date(au), dir);
  if(o.csv)
    fputs(_(" the CSV files,"), stdout);
  if(o.xlsx)
    printf(_(" 年度审计-%.4s.xlsx,"), audit_ref_date(au));
  fputs(_(" manifest.txt\n"), stdout);
  printf(NG_("%ld finding\n", "%ld findings\n", (unsigned long)nf), nf);
  audit_close(au);
  cli_close(z);
  return 0;
}

int cmd_audit(int argc, char **argv)
{
  static const verb verbs[] = {{"findings", findings}, {"export", export}};
  return cli_verbs("audit", verbs, ARRAY_SIZE(verbs), NULL, argc, argv);
}
