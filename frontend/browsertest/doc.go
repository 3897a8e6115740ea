// Package browsertest drives the catalogue's web pages in headless
// Chromium: the real server over a real store and index filled from the
// bundled Susa-navet snapshot. The tests search, filter, page, open an
// offering, switch language, build and share a shortlist, move through the
// search form by keyboard alone, check every page with axe-core and take
// screenshots at phone and desktop widths.
//
// They skip when no Chromium is installed; CI installs Debian's chromium.
// Screenshots go to $KURSKATALOG_SCREENSHOTS when set, else to a temporary
// directory that is removed afterwards.
package browsertest
