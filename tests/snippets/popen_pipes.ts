// psutil:
//   p = psutil.Popen(["sh", "-c", "tr a-z A-Z; echo oops >&2; exit 3"],
//                    stdin=PIPE, stdout=PIPE, stderr=PIPE, text=True)
//   print(p.name(), " ".join(p.cmdline()[1:]))
//   out, err = p.communicate("hello pipes")
//   print(repr(out), repr(err), p.returncode)
import * as psutil from "../../mod.ts";

const p = new psutil.Popen(["sh", "-c", "tr a-z A-Z; echo oops >&2; exit 3"], {
  stdin: psutil.PIPE,
  stdout: psutil.PIPE,
  stderr: psutil.PIPE,
  text: true,
});
// argv[0] is "sh" under Bun, the path Deno resolved ("/usr/bin/sh") under Deno: print the arguments after it.
console.log(p.name(), p.cmdline().slice(1).join(" "));
const { stdout, stderr } = await p.communicate("hello pipes\n");
console.log(JSON.stringify(stdout.trim()), JSON.stringify(stderr.trim()), p.returncode);
