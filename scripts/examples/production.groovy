#!/usr/bin/env dshell
// The chain of production.yaml, built in Groovy: simulate -> process -> merge.
// Usage: dshell production.groovy [TASKS]   (runs to the end, then lists the merged files)
def count = args ? args[0] as int : 6

def p = production('gamma-diffuse-groovy') {
    settings retries: 2, cpu_time: 600
    step('simulate') {
        name 'MC simulation (DL0)'
        tasks count
        job {
            executable 'production/simulate.sh'
            arguments '{task}'
            outputs 'gamma_run*.dl0'
        }
        output_metadata array_layout: 'Prod6-Alpha', particle: 'gamma-diffuse', site: 'Paranal', data_level: 'DL0'
    }
    step('process') {
        parent 'simulate'
        input_query 'particle=gamma-diffuse site=Paranal'
        job { executable 'production/process.sh'; arguments '{inputs}'; outputs '*.dl1' }
        output_metadata data_level: 'DL1'
    }
    step('merge', parent: 'process', group_size: 3) {
        input_query data_level: 'DL1'
        job { executable 'production/merge.sh'; arguments 'merged_{task}.dl1 {inputs}'; outputs 'merged_*.dl1' }
        output_metadata data_level: 'DL1', merged: 1
    }
}
def id = p.run(wait: true)
find('/', 'merged=1').findAll { it.contains("/productions/$id/") }.each { println it }
