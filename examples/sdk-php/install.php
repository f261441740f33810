<?php
/**
 * Installs the real mynaparrot/plugnmeet-sdk 2.2.5 with Composer, as a user of it would,
 * into a Composer project outside git (never committed): `<repo>/.cache/examples/sdk-php`,
 * or `$PNM_SDK_PHP_DIR`.
 *
 *   php examples/sdk-php/install.php
 *
 * From Packagist; or, where Packagist cannot be reached, from the Composer artifact
 * repository (a folder of package zips) named by `$PNM_COMPOSER_ARTIFACTS`, relative to the
 * repository root when not absolute (the tests use ../shared/data/composer-artifacts). The
 * commands are the ones that folder's README gives; only the repository differs.
 */

require __DIR__ . '/sdk-location.php';

/** The artifact folder as an absolute path, or null for Packagist; exits on a missing one. */
function artifact_repository(): ?string
{
    $given = getenv('PNM_COMPOSER_ARTIFACTS');
    if ($given === false || $given === '') {
        return null;
    }
    $path = str_starts_with($given, '/') ? $given : dirname(__DIR__, 2) . '/' . $given;
    $resolved = realpath($path);
    if ($resolved === false || !is_dir($resolved)) {
        fwrite(STDERR, "PNM_COMPOSER_ARTIFACTS names $given, which is not a folder ($path)\n");
        exit(2);
    }
    return $resolved;
}

/** The composer on PATH, or exits saying how to install it. */
function composer_path(): string
{
    // proc_open with an argument array does not fail for a missing program (the child
    // exits 127 with a bare "Exec failed" warning): look it up first, and say what to do.
    foreach (explode(PATH_SEPARATOR, getenv('PATH') ?: '') as $dir) {
        if ($dir !== '' && is_file("$dir/composer") && is_executable("$dir/composer")) {
            return "$dir/composer";
        }
    }
    fwrite(STDERR, "composer is not on PATH (Debian: apt-get install composer)\n");
    exit(1);
}

/** Runs composer with `$args` in `$directory`; its output goes to ours. Returns its exit code. */
function composer(string $directory, array $args): int
{
    $command = array_merge([composer_path(), '--no-interaction', '--working-dir=' . $directory], $args);
    $process = proc_open($command, [STDIN, STDOUT, STDERR], $pipes);
    if ($process === false) {
        fwrite(STDERR, "could not start composer\n");
        exit(1);
    }
    return proc_close($process);
}

function must(string $directory, array $args): void
{
    $code = composer($directory, $args);
    if ($code !== 0) {
        fwrite(STDERR, 'composer ' . implode(' ', $args) . " exited $code\n");
        exit(1);
    }
}

$directory = sdk_directory();
$artifacts = artifact_repository();
$registry = $artifacts === null ? 'Packagist' : "the artifact repository $artifacts";
if (!is_dir($directory) && !mkdir($directory, 0777, true)) {
    fwrite(STDERR, "cannot create $directory\n");
    exit(1);
}
// A fresh manifest every time, so that switching between Packagist and the artifact
// repository never mixes a lock file resolved from the other one.
foreach (['composer.json', 'composer.lock'] as $stale) {
    if (is_file("$directory/$stale")) {
        unlink("$directory/$stale");
    }
}
must($directory, ['init', '--name=plugnmeet-signing/sdk-php-user', '--quiet']);
if ($artifacts !== null) {
    must($directory, ['config', 'repo.packagist', 'false']);
    must($directory, ['config', 'repositories.local', 'artifact', $artifacts]);
}
// One attempt, as a user makes it; the tests retry a failed install (scripts/retry-install.mjs).
$code = composer($directory, ['require', '--no-progress', SDK_PACKAGE . ':' . SDK_VERSION]);
if ($code !== 0) {
    fwrite(STDERR, 'composer require ' . SDK_PACKAGE . ':' . SDK_VERSION . " from $registry failed (exit $code)\n");
    exit(1);
}
echo SDK_PACKAGE . ':' . SDK_VERSION . " installed from $registry in $directory\n";
// The runner hands an implementation a minimal environment: a directory chosen with
// PNM_SDK_PHP_DIR reaches the adapter only if the run passes it on.
$passEnv = getenv('PNM_SDK_PHP_DIR') ? ' --pass-env PNM_SDK_PHP_DIR' : '';
echo 'run: --impl "php ' . __DIR__ . "/adapter.php\"$passEnv\n";
