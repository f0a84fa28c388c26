//! Embedding `sws-eval` in a long-running service.
//!
//! A service builds one [`Evaluator`] at start-up (the standard compiled once, the
//! policy versions and the work calendar loaded once), shares it between worker
//! threads (it is immutable, so `Send + Sync`), and decides requests as they come: JSON
//! text in, a decision or located errors out. It never panics on bad input: a broken
//! request gets its errors back and the loop goes on. Here the "requests" are the
//! sample county's evidence files plus two broken ones, sent over a channel; the
//! workers reply with a summary, and the service renders a Markdown report for every
//! failed evaluation, as it would for a purchaser's inbox.
//!
//! ```text
//! cargo run --example embed_service                 # the sample county
//! cargo run --example embed_service -- DIR          # every *.json evidence file in DIR
//! ```
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::thread;

use sws_eval::decision::{Decision, Evaluator, Verdict};
use sws_eval::evidence::Evidence;
use sws_eval::json::{Envelope, evaluate_json};
use sws_eval::report::{self, Format, Lang, Subject};

/// A request: an id, the evidence as JSON text, and where to send the answer.
struct Request {
    id: usize,
    name: String,
    body: String,
    reply: mpsc::Sender<Response>,
}

/// The service's answer to one request.
enum Response {
    Decided {
        id: usize,
        name: String,
        decision: Box<Decision>,
        subject: Option<Subject>,
    },
    Rejected {
        id: usize,
        name: String,
        errors: Vec<String>,
    },
}

fn requests(dir: &PathBuf) -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && p.file_name().is_some_and(|n| n != "county.json")
        })
        .collect();
    files.sort();
    let mut out: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(p).unwrap(),
            )
        })
        .collect();
    // Two requests a real service will also see: cut-off JSON, and a misspelt key.
    out.push(("truncated request".into(), "{\"station\": {\"id\": ".into()));
    if let Some((_, first)) = out.first() {
        let misspelt = first.replacen("\"training\"", "\"trainings\"", 1);
        out.push(("misspelt key".into(), misspelt));
    }
    out
}

fn worker(evaluator: Arc<Evaluator>, inbox: Arc<Mutex<mpsc::Receiver<Request>>>) {
    loop {
        let Ok(req) = inbox.lock().unwrap().recv() else {
            return; // the channel is closed: shut down
        };
        let response = match evaluate_json(&req.body, &evaluator) {
            Envelope::Ok { result, .. } => Response::Decided {
                id: req.id,
                name: req.name,
                subject: serde_json::from_str::<Evidence>(&req.body)
                    .ok()
                    .map(|e| Subject::of(&e)),
                decision: Box::new(result),
            },
            Envelope::Error { errors } => Response::Rejected {
                id: req.id,
                name: req.name,
                errors: errors.iter().map(ToString::to_string).collect(),
            },
        };
        // The client may have gone away; that is not the service's problem.
        let _ = req.reply.send(response);
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/county"))
        });

    // Built once, shared by every worker.
    let evaluator = Arc::new(Evaluator::dongying());
    let (to_workers, inbox) = mpsc::channel::<Request>();
    let inbox = Arc::new(Mutex::new(inbox));
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (e, i) = (Arc::clone(&evaluator), Arc::clone(&inbox));
            thread::spawn(move || worker(e, i))
        })
        .collect();

    let (reply, answers) = mpsc::channel();
    let sent = requests(&dir);
    let total = sent.len();
    for (id, (name, body)) in sent.into_iter().enumerate() {
        to_workers
            .send(Request {
                id,
                name,
                body,
                reply: reply.clone(),
            })
            .unwrap();
    }
    drop(to_workers); // no more requests: the workers stop when the queue is empty
    drop(reply);

    let mut responses: Vec<Response> = answers.iter().collect();
    responses.sort_by_key(|r| match r {
        Response::Decided { id, .. } | Response::Rejected { id, .. } => *id,
    });
    for w in workers {
        w.join().unwrap();
    }

    println!("{total} requests, {} answered", responses.len());
    let mut failed_reports = Vec::new();
    for r in &responses {
        match r {
            Response::Decided {
                name,
                decision,
                subject,
                ..
            } => {
                println!(
                    "  {name:<36} {:>6} {:<11} {:<4} release {:>10}  renewal {:?}",
                    decision.scorecard.total.to_string(),
                    decision.grade.as_str(),
                    if decision.verdict == Verdict::Pass {
                        "pass"
                    } else {
                        "fail"
                    },
                    decision.payment.release.to_string(),
                    decision.renewal.status
                );
                if decision.verdict == Verdict::Fail {
                    failed_reports.push(report::station(
                        decision,
                        subject.as_ref(),
                        Format::Markdown,
                        Lang::En,
                    ));
                }
            }
            Response::Rejected { name, errors, .. } => {
                println!("  {name:<36} rejected: {}", errors.join("; "));
            }
        }
    }
    // A purchaser gets a full report for each failed evaluation; show the first lines.
    for md in &failed_reports {
        println!("\n{}", md.lines().take(9).collect::<Vec<_>>().join("\n"));
    }
}
