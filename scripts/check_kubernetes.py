"""Checks deploy/kubernetes/ against the Kubernetes API schema and TuneDash's own rules.

Run by scripts/check-kubernetes inside its virtual environment (kubernetes-validate, PyYAML);
see that script for what is checked. Exits 1 if any check fails, printing one line per problem.
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema
import kubernetes_validate
import kubernetes_validate.utils
import yaml
from packaging.version import Version
from referencing import Registry, Resource

# The manifests, and what each must hold.
MANIFESTS = ["secret.yaml", "config.yaml", "partitions-job.yaml", "merge-job.yaml", "cronjob.yaml"]
OLDEST = Version("1.30")  # the oldest Kubernetes the manifests claim (backoffLimitPerIndex …)
SECRET = "tunedash-secrets"
CONFIG = "tunedash-config"
TEMPLATES = "tunedash-job-templates"
INDEX_ANNOTATION = "metadata.annotations['batch.kubernetes.io/job-completion-index']"
PLACEHOLDER = "SET-BY-DRIVER"
# Options that shape the counts: partition builds and the merge must agree on them, or the merge
# refuses the states (README, "Builds split by listener").
SHAPING = ["--timezone", "--as-of", "--stopwords", "--stopword-languages", "--min-users", "--min-ratings"]
REFERENCE = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


def load(folder: Path) -> dict[str, list[dict]]:
    return {
        name: [doc for doc in yaml.safe_load_all((folder / name).read_text()) if doc]
        for name in MANIFESTS
    }


def versions() -> list[str]:
    found = {Version(v) for v in kubernetes_validate.utils.all_versions()}
    return [str(v) for v in sorted(v for v in found if v >= OLDEST)]


_validators: dict[tuple[str, str, str], object] = {}


def validator(kind: str, api_version: str, version: str):
    """A strict JSON-schema validator for one kind at one Kubernetes version, made once.

    kubernetes_validate.validate() reads the 1.8 MB definitions file again on every call; this
    does what it does (the same schema files, the same registry) with each validator kept."""
    group = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)
    key = (kind, group, version)
    if key not in _validators:
        folder = f"kubernetes-json-schema/v{version}-local-strict"
        try:
            schema = kubernetes_validate.utils.schema_contents(f"{folder}/{kind.lower()}-{group}.json", version)
        except FileNotFoundError:
            raise kubernetes_validate.SchemaNotFoundError(kind=kind, version=version, api_version=api_version)
        if (folder, "") not in _validators:
            _validators[(folder, "")] = Resource.from_contents(
                kubernetes_validate.utils.schema_contents(f"{folder}/_definitions.json", version))
        registry = _validators[(folder, "")] @ (Resource.from_contents(schema) @ Registry())
        _validators[key] = jsonschema.validators.Draft202012Validator(schema, registry=registry)
    return _validators[key]


def schema_problems(documents: dict[str, list[dict]], kube_versions: list[str]) -> list[str]:
    problems = []
    for name, docs in documents.items():
        for doc in docs:
            what = f"{name}: {doc.get('kind')}/{doc.get('metadata', {}).get('name')}"
            for version in kube_versions:
                try:
                    error = jsonschema.exceptions.best_match(
                        validator(doc["kind"], doc["apiVersion"], version).iter_errors(doc))
                except kubernetes_validate.SchemaNotFoundError as missing:
                    problems.append(f"{what}: {missing.message}")
                    break
                if error is not None:
                    path = ".".join(str(part) for part in error.path)
                    problems.append(f"{what} is invalid for Kubernetes {version}: {path}: {error.message}")
                    break
    return problems


# Pod specs and containers, wherever they are.


def pod_spec(obj: dict) -> dict:
    if obj["kind"] == "CronJob":
        return obj["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return obj["spec"]["template"]["spec"]


def containers(obj: dict) -> list[dict]:
    spec = pod_spec(obj)
    return list(spec.get("initContainers", [])) + list(spec.get("containers", []))


def workloads(documents: dict[str, list[dict]]):
    for name, docs in documents.items():
        for doc in docs:
            if doc.get("kind") in ("Job", "CronJob"):
                yield name, doc


def one(documents: dict[str, list[dict]], name: str, kind: str) -> dict:
    found = [doc for doc in documents[name] if doc.get("kind") == kind]
    if len(found) != 1:
        raise LookupError(f"{name}: expected one {kind}, found {len(found)}")
    return found[0]


def env_value(container: dict, variable: str):
    for entry in container.get("env", []):
        if entry["name"] == variable:
            return entry
    return None


def option(args: list[str], name: str):
    """The value after `name` in an argument list, or None."""
    for index, arg in enumerate(args):
        if arg == name and index + 1 < len(args):
            return args[index + 1]
    return None


def semantic_problems(documents: dict[str, list[dict]], kustomization: dict | None) -> list[str]:
    problems: list[str] = []
    say = problems.append
    try:
        secret = one(documents, "secret.yaml", "Secret")
        config = one(documents, "config.yaml", "ConfigMap")
        partitions = one(documents, "partitions-job.yaml", "Job")
        merge = one(documents, "merge-job.yaml", "Job")
        cron = one(documents, "cronjob.yaml", "CronJob")
    except LookupError as error:
        return [str(error)]

    # The Indexed Job: N in completions, parallelism and TUNEDASH_PARTITIONS, the index from
    # JOB_COMPLETION_INDEX, the cut and the run's states prefix as environment values.
    spec = partitions["spec"]
    if spec.get("completionMode") != "Indexed":
        say(f"partitions-job.yaml: completionMode is {spec.get('completionMode')!r}, not 'Indexed'")
    build = next((c for c in containers(partitions) if c["name"] == "build"), None)
    if build is None:
        return problems + ["partitions-job.yaml: no container named build"]
    args = build.get("args", [])
    partitions_env = env_value(build, "TUNEDASH_PARTITIONS")
    try:
        count = int(partitions_env["value"])
    except (TypeError, KeyError, ValueError):
        count = None
        say("partitions-job.yaml: TUNEDASH_PARTITIONS (N) must be set to a number in the build container")
    if count is not None and not 1 <= count <= 65536:
        say(f"partitions-job.yaml: N = {count} is outside 1 … 65,536")
    if not (spec.get("completions") == spec.get("parallelism") == count):
        say(
            f"partitions-job.yaml: completions ({spec.get('completions')}), parallelism "
            f"({spec.get('parallelism')}) and TUNEDASH_PARTITIONS ({count}) must be the same N"
        )
    if args[:1] != ["build"]:
        say("partitions-job.yaml: the build container must run `tunedash build`")
    if option(args, "--partition") != "$(JOB_COMPLETION_INDEX)/$(TUNEDASH_PARTITIONS)":
        say(f"partitions-job.yaml: --partition is {option(args, '--partition')!r}, not $(JOB_COMPLETION_INDEX)/$(TUNEDASH_PARTITIONS)")
    index_env = env_value(build, "JOB_COMPLETION_INDEX")
    if (index_env or {}).get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") != INDEX_ANNOTATION:
        say("partitions-job.yaml: JOB_COMPLETION_INDEX must be declared from the completion-index annotation")
    state_out = option(args, "--state-out") or ""
    if not (state_out.startswith("$(TUNEDASH_RUN_STATES)") and "$(JOB_COMPLETION_INDEX)" in state_out):
        say(f"partitions-job.yaml: --state-out {state_out!r} must be $(TUNEDASH_RUN_STATES)…$(JOB_COMPLETION_INDEX)…")
    if option(args, "--cut") != "$(TUNEDASH_CUT)":
        say("partitions-job.yaml: --cut must be $(TUNEDASH_CUT), the cut passed in as an environment value")
    if "value" not in (env_value(build, "TUNEDASH_CUT") or {}):
        say("partitions-job.yaml: TUNEDASH_CUT must be a plain environment value")
    if spec.get("backoffLimitPerIndex") is None:
        say("partitions-job.yaml: backoffLimitPerIndex must be set, so each partition is retried on its own")

    # The merge: merge into a folder, then publish that folder; the states of this run.
    merge_spec = pod_spec(merge)
    inits, mains = merge_spec.get("initContainers", []), merge_spec.get("containers", [])
    if [c["name"] for c in inits] != ["merge"] or [c["name"] for c in mains] != ["publish"]:
        say("merge-job.yaml: expected the init container merge, then the container publish")
    else:
        merge_args, publish_args = inits[0].get("args", []), mains[0].get("args", [])
        if merge_args[:1] != ["merge"] or publish_args[:1] != ["publish"]:
            say("merge-job.yaml: merge must run `tunedash merge`, publish `tunedash publish`")
        if option(merge_args, "--states") != "$(TUNEDASH_RUN_STATES)":
            say("merge-job.yaml: merge must read --states $(TUNEDASH_RUN_STATES)")
        if option(merge_args, "--out") is None or option(merge_args, "--out") != option(publish_args, "--from"):
            say("merge-job.yaml: publish --from must be merge's --out")
        for name in SHAPING:
            if option(args, name) != option(merge_args, name):
                say(
                    f"{name} differs: {option(args, name)!r} in partitions-job.yaml, "
                    f"{option(merge_args, name)!r} in merge-job.yaml (the merge would refuse the states)"
                )
        for variable in ("TUNEDASH_TIMEZONE",):
            if env_value(build, variable) != env_value(inits[0], variable):
                say(f"{variable} comes from different places in the partitions and the merge")
    if merge["spec"].get("completions", 1) != 1 or merge["spec"].get("parallelism", 1) != 1:
        say("merge-job.yaml: the merge is one pod (completions and parallelism 1)")

    # Every pod: restartPolicy Never (podFailurePolicy needs it), failure rules that name real
    # containers, $(VAR) references that Kubernetes can expand, the same image, no API token
    # except the driver's.
    images = set()
    for name, obj in workloads(documents):
        spec = pod_spec(obj)
        job_spec = obj["spec"]["jobTemplate"]["spec"] if obj["kind"] == "CronJob" else obj["spec"]
        if spec.get("restartPolicy") != "Never":
            say(f"{name}: restartPolicy must be Never")
        names = {c["name"] for c in containers(obj)}
        for rule in job_spec.get("podFailurePolicy", {}).get("rules", []):
            container_name = rule.get("onExitCodes", {}).get("containerName")
            if container_name is not None and container_name not in names:
                say(f"{name}: podFailurePolicy names the container {container_name!r}, which does not exist")
        if job_spec.get("backoffLimitPerIndex") is not None and job_spec.get("completionMode") != "Indexed":
            say(f"{name}: backoffLimitPerIndex needs completionMode Indexed")
        if obj["kind"] == "Job" and spec.get("automountServiceAccountToken") is not False:
            say(f"{name}: the TuneDash pods need no API token (automountServiceAccountToken: false)")
        for container in containers(obj):
            images.add(container.get("image"))
            defined: list[str] = []
            for entry in container.get("env", []):
                for reference in REFERENCE.findall(entry.get("value", "")):
                    if reference not in defined:
                        say(f"{name}: {container['name']}: env {entry['name']} uses $({reference}) before it is defined")
                defined.append(entry["name"])
            for word in container.get("command", []) + container.get("args", []):
                for reference in REFERENCE.findall(word):
                    if reference not in defined:
                        say(f"{name}: {container['name']}: $({reference}) is not in the container's env, so Kubernetes would pass it on as it is")
            for word in container.get("args", []):
                if "--pseudonym-key" in word or re.search(r"postgres(ql)?://[^/@\s]*:[^/@\s]*@", word):
                    say(f"{name}: {container['name']}: a secret on the command line")
    if len(images) != 1:
        say(f"the pods use different images: {sorted(map(str, images))}")

    # Secrets and settings: every reference names a key that the Secret or the ConfigMap holds;
    # only the merge gets the pseudonym key; the database URL holds no password.
    secret_keys = set(secret.get("stringData", {})) | set(secret.get("data", {}))
    config_keys = set(config.get("data", {}))
    if secret["metadata"]["name"] != SECRET or config["metadata"]["name"] != CONFIG:
        say(f"the Secret must be {SECRET} and the ConfigMap {CONFIG}")
    pseudonym_users = []
    for name, obj in workloads(documents):
        for container in containers(obj):
            for entry in container.get("env", []):
                source = entry.get("valueFrom", {})
                if "secretKeyRef" in source:
                    ref = source["secretKeyRef"]
                    if ref.get("name") != SECRET or ref.get("key") not in secret_keys:
                        say(f"{name}: {container['name']}: {entry['name']} refers to secret {ref.get('name')}/{ref.get('key')}, which secret.yaml does not hold")
                    if ref.get("optional"):
                        say(f"{name}: {container['name']}: {entry['name']}: secrets are not optional")
                    if ref.get("key") == "pseudonym-key":
                        pseudonym_users.append(f"{name}:{container['name']}")
                if "configMapKeyRef" in source:
                    ref = source["configMapKeyRef"]
                    if ref.get("name") != CONFIG or ref.get("key") not in config_keys:
                        say(f"{name}: {container['name']}: {entry['name']} refers to config {ref.get('name')}/{ref.get('key')}, which config.yaml does not hold")
    if pseudonym_users != ["merge-job.yaml:merge"]:
        say(f"only the merge may get the pseudonym key, not {pseudonym_users}")
    if re.search(r"://[^/@]*:[^/@]*@", str(secret.get("stringData", {}).get("database-url", ""))):
        say("secret.yaml: keep the password out of database-url (it is expanded into the command line)")

    # The driver: one run at a time, not retried, the templates where its script reads them,
    # and names that fit Kubernetes' 63 characters.
    cron_spec = cron["spec"]
    if cron_spec.get("concurrencyPolicy") != "Forbid":
        say("cronjob.yaml: concurrencyPolicy must be Forbid (runs must not overlap)")
    if cron_spec["jobTemplate"]["spec"].get("backoffLimit") != 0:
        say("cronjob.yaml: the driver must not be retried (backoffLimit: 0): a retry would fix a new cut")
    driver = containers(cron)[0]
    script = "\n".join(driver.get("args", []))
    mounts = {m["name"]: m["mountPath"] for m in driver.get("volumeMounts", [])}
    volumes = {v["name"]: v for v in pod_spec(cron).get("volumes", [])}
    template_volume = next((n for n, v in volumes.items() if v.get("configMap", {}).get("name") == TEMPLATES), None)
    if template_volume is None or mounts.get(template_volume) is None or mounts[template_volume] not in script:
        say(f"cronjob.yaml: the driver must mount the ConfigMap {TEMPLATES} where its script reads the templates")
    if "tunedash cut" not in script:
        say("cronjob.yaml: the driver must fix the cut with `tunedash cut`")
    for template, job in (("partitions-job.yaml", partitions), ("merge-job.yaml", merge)):
        if template not in script:
            say(f"cronjob.yaml: the driver does not create {template}")
        for container in containers(job):
            for entry in container.get("env", []):
                if entry.get("value") == PLACEHOLDER and entry["name"] not in script:
                    say(f"cronjob.yaml: the driver does not set {entry['name']} of {template}")
        suffix = job["metadata"]["name"].removeprefix("tunedash-")
        longest = len(cron["metadata"]["name"]) + len("-29999999") + len(f"-{suffix}")
        if longest > 63:
            say(f"cronjob.yaml: a run's {job['metadata']['name']} would be named {longest} characters long (Kubernetes allows 63)")
    service_account = pod_spec(cron).get("serviceAccountName")
    role = next((d for d in documents["cronjob.yaml"] if d["kind"] == "Role"), None)
    binding = next((d for d in documents["cronjob.yaml"] if d["kind"] == "RoleBinding"), None)
    if not role or not binding or binding["roleRef"]["name"] != role["metadata"]["name"] or not any(
        s.get("kind") == "ServiceAccount" and s.get("name") == service_account for s in binding.get("subjects", [])
    ):
        say("cronjob.yaml: the driver's ServiceAccount must be bound to its Role")
    elif not any(
        "batch" in r.get("apiGroups", []) and "jobs" in r.get("resources", []) and {"create", "get"} <= set(r.get("verbs", []))
        for r in role.get("rules", [])
    ):
        say("cronjob.yaml: the driver's Role must allow creating and reading Jobs")
    if kustomization is not None:
        generated = {g["name"]: g.get("files", []) for g in kustomization.get("configMapGenerator", [])}
        if sorted(generated.get(TEMPLATES, [])) != ["merge-job.yaml", "partitions-job.yaml"]:
            say(f"kustomization.yaml: {TEMPLATES} must be generated from partitions-job.yaml and merge-job.yaml")
        if "secret.yaml" in kustomization.get("resources", []):
            say("kustomization.yaml: applying secret.yaml from here would overwrite the real Secret")
    return problems


# The driver, run for real: its shell script with a stand-in tunedash and a stand-in cluster
# (a kubectl that passes --local commands to the real kubectl, records what is created and
# answers `get` with the condition asked for).

FAKE_KUBECTL = r"""#!/usr/bin/env python3
import os, subprocess, sys, yaml
args = sys.argv[1:]
if "--local" in args:
    os.execv(os.environ["REAL_KUBECTL"], ["kubectl"] + args)
folder = os.environ["FAKE_CLUSTER"]
if args[:1] == ["create"]:
    text = sys.stdin.read()
    doc = yaml.safe_load(text)
    name = doc["metadata"]["name"]
    with open(os.path.join(folder, name + ".yaml"), "w") as out:
        out.write(text)
    print("job.batch/" + name)
elif args[:1] == ["get"]:
    name = args[1].split("/")[-1]
    print("Failed " if name.endswith(os.environ.get("FAKE_FAIL", "-none")) else "SuccessCriteriaMet Complete ", end="")
else:
    sys.exit("fake kubectl: unexpected " + " ".join(args))
"""


def driver_problems(folder: Path, documents: dict[str, list[dict]], kube_versions: list[str], kubectl: str) -> list[str]:
    problems: list[str] = []
    cron = one(documents, "cronjob.yaml", "CronJob")
    driver = containers(cron)[0]
    script = driver["args"][0]
    mount = next(m["mountPath"] for m in driver["volumeMounts"] if m["name"] == "templates")
    run, cut = "tunedash-build-29412345", "1200000:340000"
    states = "s3://analytics-private/tunedash-states/"
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        bin_dir, templates = scratch / "bin", scratch / "jobs"
        bin_dir.mkdir()
        templates.mkdir()
        for name in ("partitions-job.yaml", "merge-job.yaml"):
            shutil.copy(folder / name, templates / name)
        (bin_dir / "kubectl").write_text(FAKE_KUBECTL.replace("/usr/bin/env python3", sys.executable))
        (bin_dir / "tunedash").write_text(f'#!/bin/sh\n[ "$1 $2" = "cut --db" ] || exit 64\necho {cut}\n')
        for tool in ("kubectl", "tunedash"):
            (bin_dir / tool).chmod(0o755)
        for fail in ("", "-partitions"):
            cluster = scratch / f"cluster{fail}"
            cluster.mkdir()
            environment = {
                "PATH": f"{bin_dir}:/usr/bin:/bin",
                "REAL_KUBECTL": kubectl,
                "KUBECONFIG": "/dev/null",
                "HOME": str(scratch),
                "FAKE_CLUSTER": str(cluster),
                "FAKE_FAIL": fail or "-none",
                "TUNEDASH_RUN": run,
                "TUNEDASH_STATES": states,
                "TUNEDASH_DB": "postgresql://tunedash@db.internal/events",
            }
            result = subprocess.run(
                ["/bin/sh", "-c", script.replace(mount, str(templates))],
                env=environment, capture_output=True, text=True, timeout=120,
            )
            created = sorted(p.name for p in cluster.iterdir())
            if fail:
                if result.returncode == 0 or created != [f"{run}-partitions.yaml"]:
                    problems.append(f"driver: with the partitions failing it exited {result.returncode} and created {created}")
                continue
            if result.returncode != 0 or created != [f"{run}-merge.yaml", f"{run}-partitions.yaml"]:
                problems.append(f"driver: exited {result.returncode}, created {created}: {result.stderr.strip()[-400:]}")
                continue
            made = {name: [yaml.safe_load((cluster / name).read_text())] for name in created}
            problems += schema_problems(made, kube_versions[-1:])
            rendered = dict(documents)
            rendered["partitions-job.yaml"] = made[f"{run}-partitions.yaml"]
            rendered["merge-job.yaml"] = made[f"{run}-merge.yaml"]
            problems += [f"driver's Jobs: {p}" for p in semantic_problems(rendered, None)]
            for name, [job] in made.items():
                if job["metadata"].get("labels", {}).get("app.kubernetes.io/instance") != run:
                    problems.append(f"driver: {name} lacks the label app.kubernetes.io/instance={run}")
                for container in containers(job):
                    for entry in container.get("env", []):
                        if entry.get("value") == PLACEHOLDER:
                            problems.append(f"driver: {name}: {container['name']} still has {entry['name']}={PLACEHOLDER}")
            build = containers(made[f"{run}-partitions.yaml"][0])[0]
            if env_value(build, "TUNEDASH_CUT") != {"name": "TUNEDASH_CUT", "value": cut}:
                problems.append(f"driver: the partitions got {env_value(build, 'TUNEDASH_CUT')}, not the cut {cut}")
            for job in made.values():
                for container in containers(job[0]):
                    expected = f"{states}{run}/" if container["name"] in ("build", "merge") else None
                    got = (env_value(container, "TUNEDASH_RUN_STATES") or {}).get("value")
                    if got != expected:
                        problems.append(f"driver: {container['name']} got TUNEDASH_RUN_STATES={got!r}, expected {expected!r}")
    return problems


def kustomize_problems(folder: Path, kube_versions: list[str], kubectl: str) -> list[str]:
    result = subprocess.run([kubectl, "kustomize", str(folder)], capture_output=True, text=True,
                            env={**os.environ, "KUBECONFIG": "/dev/null"}, timeout=120)
    if result.returncode != 0:
        return [f"kubectl kustomize: {result.stderr.strip()}"]
    docs = [doc for doc in yaml.safe_load_all(result.stdout) if doc]
    problems = schema_problems({"kustomize output": docs}, kube_versions)
    generated = [d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"].startswith(TEMPLATES + "-")]
    cron = [d for d in docs if d["kind"] == "CronJob"]
    if len(generated) != 1 or len(cron) != 1:
        return problems + ["kustomize output: expected one generated template ConfigMap and one CronJob"]
    for name in ("partitions-job.yaml", "merge-job.yaml"):
        if generated[0]["data"].get(name) != (folder / name).read_text():
            problems.append(f"kustomize output: the ConfigMap's {name} differs from the file")
    names = [v.get("configMap", {}).get("name") for v in pod_spec(cron[0]).get("volumes", [])]
    if generated[0]["metadata"]["name"] not in names:
        problems.append("kustomize output: the CronJob does not mount the generated ConfigMap")
    return problems


# Mutations the checks must catch, so a check that quietly stopped working fails too.


def mutations():
    def job(docs, name):
        return one(docs, name, "Job")

    def build(docs):
        return containers(job(docs, "partitions-job.yaml"))[0]

    yield "parallelism differs from completions", lambda d: job(d, "partitions-job.yaml")["spec"].update(parallelism=3)
    yield "a misspelled field", lambda d: job(d, "partitions-job.yaml")["spec"].update(completionMod="Indexed")
    yield "NonIndexed", lambda d: job(d, "partitions-job.yaml")["spec"].update(completionMode="NonIndexed")
    yield "a secret key that is not in the Secret", lambda d: env_value(build(d), "TUNEDASH_DB")["valueFrom"]["secretKeyRef"].update(key="database-uri")
    yield "an undefined $(VAR)", lambda d: build(d)["args"].__setitem__(build(d)["args"].index("--partition") + 1, "$(JOB_INDEX)/$(TUNEDASH_PARTITIONS)")
    yield "a merge with a --min-users the partitions lack", lambda d: containers(job(d, "merge-job.yaml"))[0]["args"].extend(["--min-users", "10"])
    yield "the pseudonym key given to the partitions", lambda d: build(d)["env"].append(
        {"name": "TUNEDASH_PSEUDONYM_KEY", "valueFrom": {"secretKeyRef": {"name": SECRET, "key": "pseudonym-key"}}})
    yield "a wrongly typed field", lambda d: job(d, "partitions-job.yaml")["spec"].update(completions="4")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--kubectl", default=shutil.which("kubectl"))
    options = parser.parse_args()
    folder = options.folder
    kube_versions = versions()
    documents = load(folder)
    kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text())
    passed = failed = 0

    def check(title: str, problems: list[str]) -> None:
        nonlocal passed, failed
        if problems:
            failed += 1
            print(f"check-kubernetes: FAILED {title}")
            for problem in problems:
                print(f"  {problem}")
        else:
            passed += 1
            print(f"check-kubernetes: ok {title}")

    count = sum(len(docs) for docs in documents.values())
    check(f"{count} objects valid (strict: no unknown field) against Kubernetes {kube_versions[0]} … {kube_versions[-1]}",
          schema_problems(documents, kube_versions))
    check("the Indexed Job, the merge, the driver, the secrets and settings agree", semantic_problems(documents, kustomization))
    for title, mutate in mutations():
        changed = copy.deepcopy(documents)
        mutate(changed)
        caught = schema_problems(changed, kube_versions[-1:]) + semantic_problems(changed, kustomization)
        check(f"catches {title}", [] if caught else [f"{title} went unnoticed"])
    if options.kubectl:
        check("kubectl kustomize renders the folder into valid objects, the templates unchanged",
              kustomize_problems(folder, kube_versions[-1:], options.kubectl))
        check("the driver script fixes the cut, creates this run's Jobs in turn, stops when one fails",
              driver_problems(folder, documents, kube_versions, options.kubectl))
    else:
        print("check-kubernetes: no kubectl: the kustomization and the driver script were not run")
    print(f"check-kubernetes: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
