<?php
/**
 * Where install.php puts the SDK and where the adapter loads it from: one place, so the two
 * cannot disagree. `$PNM_SDK_PHP_DIR`, else `<repo>/.cache/examples/sdk-php` (git ignores
 * `.cache/`): a Composer project of its own whose `vendor/` holds the SDK.
 */

const SDK_PACKAGE = 'mynaparrot/plugnmeet-sdk';
const SDK_VERSION = '2.2.5';

function sdk_directory(): string
{
    $chosen = getenv('PNM_SDK_PHP_DIR');
    return $chosen !== false && $chosen !== '' ? $chosen : dirname(__DIR__, 2) . '/.cache/examples/sdk-php';
}

/** Loads Composer's autoloader of the installed SDK, or exits saying how to install it. */
function load_sdk(): void
{
    $autoload = sdk_directory() . '/vendor/autoload.php';
    if (!is_file($autoload)) {
        // Under pnm-conformance, PNM_SDK_PHP_DIR arrives only with --pass-env PNM_SDK_PHP_DIR.
        fwrite(STDERR, SDK_PACKAGE . " is not installed in " . sdk_directory() . ": run php examples/sdk-php/install.php (and, for another directory, pass PNM_SDK_PHP_DIR with --pass-env)\n");
        exit(1);
    }
    require $autoload;
}
