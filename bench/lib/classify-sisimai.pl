#!/usr/bin/perl
# Sisimai on the same files, for bench/classify.bench.ts: reads a list of paths on STDIN,
# loads them into memory first (as our side does), classifies them PASSES times and
# prints "<messages> <seconds>". Measures parsing only, like the TypeScript side.
use strict;
use warnings;
use Sisimai;
use Time::HiRes qw(time);

my $passes = shift // 10;
my @texts;
while (my $path = <STDIN>) {
    chomp $path;
    open(my $fh, '<:raw', $path) or die "$path: $!";
    local $/;
    push @texts, scalar <$fh>;
    close $fh;
}
my $count = 0;
my $start = time;
for (1 .. $passes) {
    for my $text (@texts) {
        my $copy = $text;
        Sisimai->make(\$copy);
        $count++;
    }
}
printf "%d %.6f\n", $count, time - $start;
