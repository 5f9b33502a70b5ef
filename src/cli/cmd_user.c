/* cmd_user.c: `sanzi user`: the people who log in to `sanzi serve`
 * (doc/web.md). Passwords are read from standard input: twice, without
 * echo, on a terminal; one line otherwise (for scripts). */
#include "cli/cli.h"
#include "cli/commands.h"
#include "domain/user.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* One line of standard input without its newline, not echoed on a
 * terminal; exits on end of input. */
static void read_line(const char *prompt, char *buf, size_t len)
{
  int tty = isatty(0);
  struct termios old, quiet;
  if(tty) {
    fputs(prompt, stderr);
    tcgetattr(0, &old);
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(0, TCSAFLUSH, &quiet);
  }
  char *got = fgets(buf, (int)len, stdin);
  if(tty) {
    tcsetattr(0, TCSAFLUSH, &old);
    fputc('\n', stderr);
  }
  if(!got)
    die(1, "%s", _("no password given on standard input"));
  buf[strcspn(buf, "\r\n")] = 0;
}

static void read_password(char *pw, size_t len)
{
  read_line(_("password: "), pw, len);
  if(isatty(0)) {
    char again[1100];
    read_line(_("the same password again: "), again, sizeof again);
    int same = !strcmp(pw, again);
    sodium_memzero(again, sizeof again);
    if(!same)
      die(1, "%s", _("the two passwords differ"));
  }
}

static int user_add_verb(args *a, const void *ctx)
{
  (void)ctx;
  const char *role = args_value(a, "--role");
  const char *scope = args_value(a, "--scope");
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  if(!role)
    usage_error(a, "%s", _("--role is required (村报账员, 乡镇, 县级, 审计, "
                           "管理员)"));
  sz *z = cli_db();
  char pw[1100];
  read_password(pw, sizeof pw);
  int rc = user_add(z, pos[0], role, scope, pw);
  sodium_memzero(pw, sizeof pw);
  if(rc)
    cli_fail(z, NULL);
  fprintf(stderr, _("user '%s' added (%s)\n"), pos[0], role);
  cli_close(z);
  free(pos);
  return 0;
}

static int user_passwd_verb(args *a, const void *ctx)
{
  (void)ctx;
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  char pw[1100];
  read_password(pw, sizeof pw);
  int rc = user_passwd(z, pos[0], pw, "cli");
  sodium_memzero(pw, sizeof pw);
  if(rc)
    cli_fail(z, NULL);
  fprintf(stderr, _("password of '%s' changed; their sessions ended\n"),
          pos[0]);
  cli_close(z);
  free(pos);
  return 0;
}

static int user_status_verb(args *a, int enabled)
{
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  if(user_set_enabled(z, pos[0], enabled))
    cli_fail(z, NULL);
  fprintf(stderr, enabled ? _("user '%s' enabled\n")
                          : _("user '%s' disabled; their sessions ended\n"),
          pos[0]);
  cli_close(z);
  free(pos);
  return 0;
}

static int user_disable_verb(args *a, const void *ctx)
{
  (void)ctx;
  return user_status_verb(a, 0);
}

static int user_enable_verb(args *a, const void *ctx)
{
  (void)ctx;
  return user_status_verb(a, 1);
}

static int user_list_verb(args *a, const void *ctx)
{
  (void)ctx;
  out o;
  out_init(&o, a, out_formats, 0);
  int n;
  free(args_rest(a, 0, 0, &n));
  sz *z = cli_db();
  if(user_list_view(z, &o.s))
    cli_fail(z, NULL);
  out_done(&o, a);
  cli_close(z);
  return 0;
}

int cmd_user(int argc, char **argv)
{
  static const verb verbs[] = {
    {"add", user_add_verb},         {"disable", user_disable_verb},
    {"enable", user_enable_verb},   {"list", user_list_verb},
    {"passwd", user_passwd_verb},
  };
  return cli_verbs("user", verbs, ARRAY_SIZE(verbs), NULL, argc, argv);
}
